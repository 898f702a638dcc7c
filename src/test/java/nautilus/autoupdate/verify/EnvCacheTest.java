package nautilus.autoupdate.verify;

import static nautilus.autoupdate.GitRepos.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import nautilus.autoupdate.CommandResult;
import nautilus.autoupdate.CommandRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvCacheTest {
  @TempDir Path dir;

  private Path project(String name, String pyproject) {
    Path p = dir.resolve(name);
    write(p.resolve("pyproject.toml"), pyproject);
    return p;
  }

  private EnvCache cache() {
    return new EnvCache(dir.resolve("envs"), Map.of("PATH", "/usr/bin"));
  }

  @Test
  void theKeyFollowsTheDependenciesNotTheToolConfigOrTheFolder() {
    String deps = "[project]\nname = \"d\"\ndependencies = [\"nautilus_trader==1.220.0\"]\n";
    Path a = project("a", deps);
    Path sameDepsOtherConfig =
        project("b", deps + "[tool.nautilus-autoupdate]\ntest_command = \"pytest -x\"\n");
    Path bumped = project("c", deps.replace("1.220.0", "1.221.0"));
    EnvCache c = cache();
    assertThat(c.dir("pip-python3", sameDepsOtherConfig)).isEqualTo(c.dir("pip-python3", a));
    assertThat(c.dir("pip-python3", bumped)).isNotEqualTo(c.dir("pip-python3", a));
    assertThat(c.dir("uv", a)).isNotEqualTo(c.dir("pip-python3", a));

    write(a.resolve("uv.lock"), "version = 1\n");
    Path withLock = c.dir("uv", a);
    write(a.resolve("uv.lock"), "version = 1\n# new nautilus-trader\n");
    assertThat(c.dir("uv", a)).isNotEqualTo(withLock);
    write(a.resolve("requirements-dev.txt"), "pytest\n");
    assertThat(c.dir("uv", a)).isNotEqualTo(withLock);
  }

  @Test
  void aHalfBuiltEnvironmentIsRebuiltAndAFailedSyncIsNotMarkedReady() throws Exception {
    EnvCache c = cache();
    Path env = c.dir("pip", project("a", "[project]\nname = \"a\"\n"));
    write(env.resolve("bin/leftover"), "killed mid-install\n");
    List<Boolean> sawLeftover = new ArrayList<>();
    CommandResult ok = new CommandResult(0, "", "", false, null, 0);
    c.prepare(
        env,
        () -> {
          sawLeftover.add(Files.exists(env.resolve("bin/leftover")));
          write(env.resolve("bin/python"), "");
          return ok;
        });
    assertThat(sawLeftover).containsExactly(false);
    assertThat(env.resolve(EnvCache.READY)).exists();

    // A ready environment is synced in place (the sync is idempotent and cheap when current).
    c.prepare(
        env,
        () -> {
          sawLeftover.add(Files.exists(env.resolve("bin/python")));
          return ok;
        });
    assertThat(sawLeftover).containsExactly(false, true);

    Path other = c.dir("pip", project("b", "[project]\ndependencies = [\"b\"]\n"));
    CommandResult failed = new CommandResult(1, "", "no such package", false, null, 0);
    assertThat(c.prepare(other, () -> failed)).isSameAs(failed);
    assertThat(other.resolve(EnvCache.READY)).doesNotExist();
  }

  @Test
  void onlyTheMostRecentlyUsedEnvironmentsAreKept() throws Exception {
    EnvCache c = cache();
    CommandResult ok = new CommandResult(0, "", "", false, null, 0);
    List<Path> envs = new ArrayList<>();
    for (int i = 0; i < EnvCache.KEEP + 2; i++) {
      Path env = c.dir("pip", project("p" + i, "[project]\ndependencies = [\"x==" + i + "\"]\n"));
      c.prepare(env, () -> ok);
      Files.setLastModifiedTime(
          env.resolve(EnvCache.READY), FileTime.fromMillis(1_000_000L * (i + 1)));
      envs.add(env);
    }
    // Using the oldest again makes it the most recent: the two next-oldest go.
    c.prepare(envs.get(0), () -> ok);
    try (Stream<Path> s = Files.list(c.root())) {
      assertThat(s.filter(Files::isDirectory).toList())
          .containsExactlyInAnyOrder(envs.get(0), envs.get(3), envs.get(4), envs.get(5));
    }
  }

  @Test
  void theDefaultRootIsTheUserCache() {
    assertThat(EnvCache.defaultRoot(Map.of("HOME", "/home/u")))
        .isEqualTo(Path.of("/home/u/.cache/nautilus-autoupdate/envs"));
    assertThat(EnvCache.defaultRoot(Map.of("HOME", "/home/u", "XDG_CACHE_HOME", "/c")))
        .isEqualTo(Path.of("/c/nautilus-autoupdate/envs"));
  }

  @Test
  void aProgramIsFoundOnTheChildsPath() throws Exception {
    Path bin = dir.resolve("bin");
    write(bin.resolve("hello-tool"), "#!/bin/sh\necho hi from the venv\n");
    bin.resolve("hello-tool").toFile().setExecutable(true);
    CommandResult r =
        new CommandRunner()
            .run(
                List.of("hello-tool"),
                dir,
                java.time.Duration.ofSeconds(20),
                cache().activation(dir));
    assertThat(r.stdout()).contains("hi from the venv");
    assertThat(CommandRunner.onPath("git", "/nowhere")).isEqualTo("git");
  }
}

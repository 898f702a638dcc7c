package nautilus.autoupdate.deps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import nautilus.autoupdate.PythonEnvs;
import nautilus.autoupdate.config.AutoUpdateConfig;
import nautilus.autoupdate.config.ConfigLoader;
import nautilus.autoupdate.version.Version;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real uv on a tiny local project (a path dependency, no index needed). */
class UvLockRefresherTest {
  @TempDir Path project;

  private AutoUpdateConfig cfg(String lockCommand, String pkg) {
    return ConfigLoader.load(project, Map.of(), Map.of("lock_command", lockCommand, "package", pkg))
        .config();
  }

  private static Map<String, String> envWithPath(String path) {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("PATH", path);
    return env;
  }

  private static String uvBinDir() throws Exception {
    return PythonEnvs.uvBinDir().toString();
  }

  private static int run(List<String> cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).inheritIO().start();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      return -1;
    }
    return p.exitValue();
  }

  private void writeProject(String libVersion) throws IOException {
    Files.createDirectories(project.resolve("mylib"));
    Files.writeString(
        project.resolve("pyproject.toml"),
        """
        [project]
        name = "app"
        version = "0.1.0"
        requires-python = ">=3.8"
        dependencies = ["mylib"]

        [tool.uv.sources]
        mylib = { path = "mylib" }
        """);
    Files.writeString(
        project.resolve("mylib/pyproject.toml"),
        """
        [project]
        name = "mylib"
        version = "%s"
        requires-python = ">=3.8"
        dependencies = []

        [build-system]
        requires = ["hatchling"]
        build-backend = "hatchling.build"
        """
            .formatted(libVersion));
  }

  @Test
  void refreshesARealUvLock() throws Exception {
    String bin = uvBinDir();
    Map<String, String> env = envWithPath(bin + File.pathSeparator + System.getenv("PATH"));
    writeProject("0.1.0");
    assertThat(run(List.of(bin + "/uv", "lock", "--offline", "--directory", project.toString())))
        .isZero();
    assertThat(UvLockReader.read(project.resolve("uv.lock"), "uv.lock", "mylib"))
        .map(l -> l.version().toString())
        .hasValue("0.1.0");

    writeProject("0.2.0");
    UvLockRefresher refresher = new UvLockRefresher(env, Duration.ofMinutes(2));
    LockResult result =
        refresher
            .refresh(project, cfg("uv lock --offline --upgrade-package {package}", "mylib"))
            .orElseThrow();
    assertThat(result.command()).endsWith("lock", "--offline", "--upgrade-package", "mylib");
    assertThat(result.command().get(0)).endsWith("/uv");
    assertThat(result.output()).contains("mylib");
    assertThat(UvLockReader.read(project.resolve("uv.lock"), "uv.lock", "mylib"))
        .map(UvLockReader.Locked::version)
        .hasValue(Version.parse("0.2.0"));
  }

  @Test
  void withoutALockThereIsNothingToDo() {
    var refresher = new UvLockRefresher(envWithPath(""), Duration.ofSeconds(5));
    assertThat(refresher.refresh(project, cfg("uv lock", "mylib"))).isEmpty();
  }

  @Test
  void missingUvSaysHowToInstallIt() throws IOException {
    Files.writeString(project.resolve("uv.lock"), "version = 1\n");
    var refresher =
        new UvLockRefresher(
            envWithPath(project.resolve("empty").toString()), Duration.ofSeconds(5));
    assertThatThrownBy(() -> refresher.refresh(project, cfg("uv lock", "mylib")))
        .hasMessageStartingWith("uv is not installed: install it with `pip install uv`");
    assertThatThrownBy(() -> refresher.refresh(project, cfg("pdm lock", "mylib")))
        .hasMessageContaining("pdm is not installed or not on PATH");
  }

  @Test
  void failingAndHangingCommandsAreErrorsWithTheirOutput() throws IOException {
    Files.writeString(project.resolve("uv.lock"), "version = 1\n");
    var refresher = new UvLockRefresher(System.getenv(), Duration.ofSeconds(1));
    assertThatThrownBy(
            () ->
                refresher.refresh(
                    project, cfg("sh -c 'echo no resolution for {package}; exit 3'", "mylib")))
        .hasMessageContaining("failed with exit code 3: no resolution for mylib");
    long start = System.nanoTime();
    assertThatThrownBy(() -> refresher.refresh(project, cfg("sleep 30", "mylib")))
        .hasMessageContaining("timed out after 1s");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
  }

  @Test
  void commandLinesSplitLikeAShellWithoutOne() {
    assertThat(UvLockRefresher.split("uv lock  --upgrade-package {package}"))
        .containsExactly("uv", "lock", "--upgrade-package", "{package}");
    assertThat(UvLockRefresher.split("a 'b c' \"d e\"f")).containsExactly("a", "b c", "d ef");
    assertThat(UvLockRefresher.split("a ''")).containsExactly("a", "");
    assertThatThrownBy(() -> UvLockRefresher.split("a 'b")).hasMessageContaining("unclosed quote");
  }
}

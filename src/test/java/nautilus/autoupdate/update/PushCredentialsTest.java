package nautilus.autoupdate.update;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import nautilus.autoupdate.CommandRunner;
import nautilus.autoupdate.GitRepos;
import nautilus.autoupdate.config.AutoUpdateConfig;
import nautilus.autoupdate.config.ChildEnv;
import nautilus.autoupdate.git.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The token reaches {@code git push} (for a credential helper) and no other git command. */
class PushCredentialsTest {
  @TempDir Path dir;

  @Test
  void remoteHostsAreReadFromEveryUrlForm() {
    assertThat(UpdaterFactory.hostOf("https://github.com/o/r.git")).isEqualTo("github.com");
    assertThat(UpdaterFactory.hostOf("https://x:y@github.com/o/r")).isEqualTo("github.com");
    assertThat(UpdaterFactory.hostOf("ssh://git@ghe.corp:2222/o/r")).isEqualTo("ghe.corp");
    assertThat(UpdaterFactory.hostOf("git@github.com:o/r.git")).isEqualTo("github.com");
    assertThat(UpdaterFactory.hostOf("/srv/git/o/r.git")).isEmpty();
  }

  @Test
  void onlyThePushSeesThePushVariables() throws Exception {
    GitRepos repos = GitRepos.create(dir, "[project]\nname = \"s\"\n");
    Path saw = dir.resolve("saw.txt");
    for (String hook : new String[] {"pre-commit", "pre-push"}) {
      Path h = repos.user.resolve(".git/hooks/" + hook);
      Files.createDirectories(h.getParent());
      Files.writeString(
          h, "#!/bin/sh\necho \"" + hook + " GH_TOKEN=$GH_TOKEN\" >> '" + saw + "'\n");
      Files.setPosixFilePermissions(h, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    Map<String, String> env = Map.of("GH_TOKEN", "gho_planted");
    Git git =
        new Git(
            repos.user,
            CommandRunner.isolated(ChildEnv.of(AutoUpdateConfig.defaults(), env)),
            Duration.ofMinutes(1),
            Map.of("GH_TOKEN", "gho_planted"));
    Files.writeString(repos.user.resolve("a.txt"), "a\n");
    git.run("add", "a.txt");
    git.run("-c", "user.name=t", "-c", "user.email=t@e", "commit", "-qm", "a");
    git.run("push", "-q", "origin", "HEAD:refs/heads/side");
    assertThat(Files.readAllLines(saw))
        .containsExactly("pre-commit GH_TOKEN=", "pre-push GH_TOKEN=gho_planted");
  }
}

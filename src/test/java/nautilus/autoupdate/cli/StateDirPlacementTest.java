package nautilus.autoupdate.cli;

import static nautilus.autoupdate.GitRepos.git;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import nautilus.autoupdate.CliRunner;
import nautilus.autoupdate.Examples;
import nautilus.autoupdate.GitRepos;
import nautilus.autoupdate.detect.FakeUpstream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A relative state_dir lives in the git dir for every command, so check, detect, run and status
 * share one state and none of them writes into the working tree.
 */
class StateDirPlacementTest {
  @TempDir Path dir;
  FakeUpstream up;
  Map<String, String> env;
  GitRepos repos;

  @BeforeEach
  void start() {
    up = new FakeUpstream();
    env = new HashMap<>(up.env(dir.resolve("unused"), "stable"));
    env.remove("NAUTILUS_AUTOUPDATE_STATE_DIR"); // the default, relative .nautilus-autoupdate
    up.publishStable("1.221.0", Instant.now().minus(Duration.ofDays(1)));
    repos =
        GitRepos.create(
            dir, "[project]\nname = \"s\"\ndependencies = [\"nautilus_trader==1.220.0\"]\n");
    repos.pushFile("strategies/a.py", "import nautilus_trader\n");
  }

  @AfterEach
  void stop() {
    up.close();
  }

  @Test
  void checkDetectRunAndStatusKeepStateInTheGitDirNotTheWorkingTree() {
    String before = repos.userCheckoutHash();
    Path state = repos.user.resolve(".git/nautilus-autoupdate/.nautilus-autoupdate");

    var check =
        CliRunner.run(
            repos.user,
            env,
            "check",
            "--releases-md",
            Examples.DIR.resolve("RELEASES.md").toString(),
            "--to",
            "1.221.0",
            "--offline",
            "--no-api-diff");
    assertThat(check.exitCode()).as(check.err()).isEqualTo(ExitCodes.UPDATE_AVAILABLE);
    assertThat(state.resolve("impact-report.json")).isRegularFile();

    var detect = CliRunner.run(repos.user, env, "detect");
    assertThat(detect.exitCode()).as(detect.err()).isEqualTo(ExitCodes.UPDATE_AVAILABLE);
    assertThat(state.resolve("state.db")).isRegularFile();

    // Up to date after the pin moves: run detects, checks and has nothing to update.
    repos.pushFile(
        "pyproject.toml",
        "[project]\nname = \"s\"\ndependencies = [\"nautilus_trader==1.221.0\"]\n");
    before = repos.userCheckoutHash();
    var run = CliRunner.run(repos.user, env, "run");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(state.resolve("run.lock")).isRegularFile();

    var status = CliRunner.run(repos.user, env, "status");
    assertThat(status.out()).as("status reads the state detect wrote").contains("1.221.0");

    assertThat(repos.user.resolve(".nautilus-autoupdate")).doesNotExist();
    assertThat(git(repos.user, "status", "--porcelain", "--ignored")).isEmpty();
    assertThat(repos.userCheckoutHash()).isEqualTo(before);
  }

  @Test
  void aSubfolderProjectAndItsRepositoryShareOneStateDir() throws Exception {
    Path sub = repos.user.resolve("strategies");
    var cfg = CliRunner.run(sub, env, "config", "--format", "json");
    assertThat(cfg.out())
        .contains(
            repos
                .user
                .toRealPath()
                .resolve(".git/nautilus-autoupdate/.nautilus-autoupdate")
                .toString());
  }

  @Test
  void outsideAGitRepositoryARelativeStateDirIsInTheRepositoryFolder() throws Exception {
    Path plain = dir.resolve("plain");
    Files.createDirectories(plain);
    var detect = CliRunner.run(plain, env, "detect");
    assertThat(detect.exitCode()).as(detect.err()).isEqualTo(ExitCodes.UPDATE_AVAILABLE);
    assertThat(plain.resolve(".nautilus-autoupdate/state.db")).isRegularFile();
  }
}

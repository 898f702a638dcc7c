package nautilus.autoupdate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import nautilus.autoupdate.CliRunner;
import nautilus.autoupdate.Examples;
import nautilus.autoupdate.GitRepos;
import nautilus.autoupdate.git.StateDirs;
import nautilus.autoupdate.state.LockHolder;
import nautilus.autoupdate.state.RunLock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The repository lock as fix, update and run take it, and status on a misshapen state_dir. */
class RepoLockTest {
  @TempDir Path dir;
  GitRepos repos;
  Path stateDir;

  @BeforeEach
  void setUp() {
    repos =
        GitRepos.create(
            dir, "[project]\nname = \"s\"\ndependencies = [\"nautilus_trader==1.220.0\"]\n");
    stateDir = StateDirs.resolve(repos.user, ".nautilus-autoupdate");
  }

  String[] fixArgs(String... more) {
    String[] base = {
      "fix",
      "--releases-md",
      Examples.DIR.resolve("RELEASES.md").toString(),
      "--to",
      "1.221.0",
      "--offline",
      "--no-api-diff"
    };
    String[] all = new String[base.length + more.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }

  @Test
  void fixWhileAnUpdateHoldsTheLockFailsInOneLineNamingIt() throws Exception {
    Map<String, String> noWait = Map.of("NAUTILUS_AUTOUPDATE_LOCK_WAIT_SECONDS", "0");
    try (AutoCloseable held = LockHolder.hold(stateDir, "update")) {
      var r = CliRunner.run(repos.user, noWait, fixArgs());
      assertThat(r.exitCode()).isEqualTo(ExitCodes.ERROR);
      assertThat(r.err().strip())
          .startsWith("error: fix: update (pid " + ProcessHandle.current().pid() + ", started ")
          .contains("holds the repository lock " + RunLock.file(stateDir))
          .hasLineCount(1);
      var dry = CliRunner.run(repos.user, noWait, fixArgs("--dry-run"));
      assertThat(dry.exitCode()).as("a dry run changes nothing: no lock needed").isZero();
    }
    var free = CliRunner.run(repos.user, noWait, fixArgs());
    assertThat(free.exitCode()).as(free.err()).isZero();
  }

  @Test
  void fixWaitsForTheHolderSayingForWhomThenRuns() throws Exception {
    AutoCloseable held = LockHolder.hold(stateDir, "dispatch");
    CompletableFuture<CliRunner.Result> fix =
        CompletableFuture.supplyAsync(() -> CliRunner.run(repos.user, Map.of(), fixArgs()));
    Thread.sleep(1500);
    assertThat(fix).isNotDone();
    held.close();
    CliRunner.Result r = fix.get(60, TimeUnit.SECONDS);
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err())
        .contains("fix: waiting for dispatch (pid " + ProcessHandle.current().pid())
        .contains("to finish (repository lock " + RunLock.file(stateDir) + ", up to 30 s)");
  }

  @Test
  void runWhileAnUpdateHoldsTheLockWaitsThenSkipsThisCycle() throws Exception {
    try (AutoCloseable held = LockHolder.hold(stateDir, "update")) {
      var r =
          CliRunner.run(repos.user, Map.of("NAUTILUS_AUTOUPDATE_LOCK_WAIT_SECONDS", "1"), "run");
      assertThat(r.exitCode()).as(r.err()).isZero();
      assertThat(r.err()).contains("run: waiting for update (pid ");
      assertThat(r.out())
          .contains("another command is working (update (pid ")
          .contains("nothing to do this time");
    }
  }

  @Test
  void statusOnAStateDirThatIsAFileIsAOneLineError() throws Exception {
    Path file = dir.resolve("not-a-dir");
    Files.writeString(file, "x");
    var r =
        CliRunner.run(
            repos.user, Map.of("NAUTILUS_AUTOUPDATE_STATE_DIR", file.toString()), "status");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(r.out()).doesNotContain("no versions seen yet");
    assertThat(r.err().strip())
        .isEqualTo(
            "error: state_dir "
                + file
                + " is a file, not a folder: move it aside or point state_dir at a folder");
  }
}

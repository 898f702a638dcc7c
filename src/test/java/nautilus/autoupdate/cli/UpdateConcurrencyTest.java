package nautilus.autoupdate.cli;

import static nautilus.autoupdate.GitRepos.git;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import nautilus.autoupdate.Examples;
import nautilus.autoupdate.GitRepos;
import nautilus.autoupdate.TestModels;
import nautilus.autoupdate.git.Git;
import nautilus.autoupdate.git.Worktrees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code update}s of one repository started at the same moment, as two real JVMs (each with its
 * own file locks, as two cron jobs or a person and a cron job would be): the second waits for the
 * first, says so in one line naming it, and then finds the branch current. Ten such pairs, each on
 * a fresh repository with a fresh state: always one branch with the expected commits, no lost
 * worktree, no worktree of the other process removed.
 */
class UpdateConcurrencyTest {
  static final String BRANCH = "update/v1.221.0";
  static final int PAIRS = 10;

  @TempDir Path tmp;

  record Child(long pid, int exitCode, String out) {}

  @Test
  void tenConcurrentUpdatePairsGiveOneBranchAndNoLostWorktree() throws Exception {
    Path tmpdir = Files.createDirectories(tmp.resolve("tmp"));
    Path ghConfig = Files.createDirectories(tmp.resolve("no-gh"));
    // Fixes are proven on the small 1.221.0 tree's model, never on one fetched from PyPI.
    Map<String, String> model = TestModels.envWithModel(tmp.resolve("cache"), "1.221.0");
    for (int pair = 0; pair < PAIRS; pair++) {
      GitRepos repos =
          GitRepos.create(
              tmp.resolve("pair-" + pair),
              "[project]\nname = \"s\"\ndependencies = [\"nautilus_trader==1.220.0\"]\n");
      repos.pushFile(
          "strategies/stats.py",
          "from nautilus_trader.analysis.statistics.win_rate import WinRate\n");
      String userHash = repos.userCheckoutHash();
      Map<String, String> env = new java.util.HashMap<>(model);
      env.put("TMPDIR", tmpdir.toString());
      env.put("GH_CONFIG_DIR", ghConfig.toString());
      // A loaded CI machine may take long for one update; the point is the waiting.
      env.put("NAUTILUS_AUTOUPDATE_LOCK_WAIT_SECONDS", "300");

      Process a = start(repos.user, env);
      Process b = start(repos.user, env);
      CompletableFuture<Child> fa = collect(a);
      CompletableFuture<Child> fb = collect(b);
      Child ca = fa.get(300, TimeUnit.SECONDS);
      Child cb = fb.get(300, TimeUnit.SECONDS);
      String both = "pair " + pair + "\n--- A\n" + ca.out() + "\n--- B\n" + cb.out();

      assertThat(ca.exitCode()).as(both).isZero();
      assertThat(cb.exitCode()).as(both).isZero();
      List<Child> waited = new ArrayList<>();
      for (Child c : List.of(ca, cb)) {
        Child other = c == ca ? cb : ca;
        if (c.out().contains("update: waiting for ")) {
          assertThat(c.out())
              .as(both)
              .contains("update: waiting for update (pid " + other.pid() + ", started ");
          waited.add(c);
        }
        assertThat(c.out()).as(both).doesNotContain("left by an interrupted run");
        assertThat(c.out()).as(both).doesNotContain("error:");
      }
      assertThat(waited).as("exactly one waited for the other: " + both).hasSize(1);
      assertThat(waited.get(0).out())
          .as("the one that waited then found the work done")
          .contains("nothing new to commit");

      assertThat(repos.remoteBranches()).as(both).containsExactlyInAnyOrder("main", BRANCH);
      assertThat(git(repos.remote, "log", "--format=%s", "main.." + BRANCH).lines())
          .as(both)
          .containsExactly(
              "fix: adapt to nautilus_trader 1.221.0",
              "chore(deps): update nautilus_trader to 1.221.0");
      assertThat(git(repos.user, "for-each-ref", "--format=%(refname:short)", "refs/heads"))
          .as(both)
          .isEqualTo("main\n" + BRANCH);
      assertThat(git(repos.user, "worktree", "list").lines()).as(both).hasSize(1);
      Path root = Worktrees.defaultRoot(new Git(repos.user), env);
      if (Files.exists(root)) {
        try (Stream<Path> left = Files.list(root)) {
          assertThat(left.toList()).as("worktree folders and owner files: " + both).isEmpty();
        }
      }
      assertThat(repos.userCheckoutHash()).as(both).isEqualTo(userHash);
    }
  }

  private static Process start(Path repo, Map<String, String> env) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // Start-up is most of a short run; C1 alone starts faster.
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
    // Notes only (no API diff), no tests, no PR (no token): what is left is the locking.
    cmd.addAll(List.of(Examples.updateArgs("1.221.0", "--skip-tests")));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(repo.toFile()).redirectErrorStream(true);
    pb.environment().remove("GITHUB_TOKEN");
    pb.environment().remove("GH_TOKEN");
    pb.environment().putAll(env);
    return pb.start();
  }

  private static CompletableFuture<Child> collect(Process p) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
              p.destroyForcibly();
            }
            return new Child(p.pid(), p.exitValue(), out);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
          }
        });
  }
}

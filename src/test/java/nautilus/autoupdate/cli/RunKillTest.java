package nautilus.autoupdate.cli;

import static nautilus.autoupdate.GitRepos.git;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import nautilus.autoupdate.CliRunner;
import nautilus.autoupdate.GitRepos;
import nautilus.autoupdate.Json;
import nautilus.autoupdate.cycle.RunCycle;
import nautilus.autoupdate.detect.FakeUpstream;
import nautilus.autoupdate.github.GitHubStub;
import nautilus.autoupdate.notify.FakeDiscord;
import nautilus.autoupdate.state.RunLock;
import nautilus.autoupdate.update.Updater;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} in a real child JVM on a real git repository (bare remote, GitHub and Discord on
 * WireMock), killed (halted, no cleanup) after each step of the cycle and before each step of the
 * update; a rerun ends in the same state as an uninterrupted run: one branch with the same commits,
 * one pull request created, one merge, one Discord message per event. Also: a run started while
 * another process holds the lock exits 0 at once.
 */
class RunKillTest {
  @TempDir Path tmp;
  FakeUpstream up;
  final FakeDiscord discord = new FakeDiscord();

  @BeforeEach
  void start() {
    up = new FakeUpstream();
    up.publishStable("1.221.0", Instant.now().minus(Duration.ofDays(40)));
    // Old enough for an auto recommendation, so the run goes all the way to the merge.
    up.publishStable("1.222.0", Instant.now().minus(Duration.ofDays(20)));
    GitHubStub.pullsFor(up.server, "/api", BRANCH);
  }

  @AfterEach
  void stop() {
    up.close();
    discord.close();
  }

  static final String BRANCH = "update/v1.222.0";

  /** Every point a run can be killed at: after each cycle step, before each update step. */
  static List<String> killPoints() {
    List<String> points = new ArrayList<>();
    for (String step : RunCycle.STEPS) {
      points.add(step);
      if (step.equals("updating")) {
        for (Updater.Step u : Updater.Step.values()) {
          points.add("update:" + u.name().toLowerCase(Locale.ROOT));
        }
      }
    }
    return points;
  }

  record Child(int exitCode, String out) {}

  Child child(Path repo, String crashAfter) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    if (crashAfter != null) {
      cmd.add("-D" + nautilus.autoupdate.cycle.CycleRunner.CRASH_PROPERTY + "=" + crashAfter);
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Main.class.getName());
    cmd.add("run");
    cmd.add("--skip-tests");
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(repo.toFile()).redirectErrorStream(true);
    pb.environment().putAll(env(repo));
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Child(p.exitValue(), out);
  }

  /** The state lives beside the clone, so the user's checkout stays untouched. */
  Map<String, String> env(Path repo) {
    Map<String, String> env =
        new LinkedHashMap<>(up.env(repo.resolveSibling(repo.getFileName() + ".state"), "stable"));
    env.put("GITHUB_TOKEN", "test-token");
    // The stubbed PR is green and was opened just now: merge it in the same run.
    env.put("NAUTILUS_AUTOUPDATE_AUTO_MERGE_QUIET_HOURS", "0");
    env.put("DISCORD_WEBHOOK_URL", discord.url());
    // The child JVM inherits HOME: without its own cache it would read the user's shared model
    // cache, not the test's models, and its verdict would depend on the machine.
    env.put("XDG_CACHE_HOME", cacheOf(repo).toString());
    return env;
  }

  GitRepos repos(String name) throws IOException {
    GitRepos repos =
        GitRepos.create(
            Files.createDirectories(tmp.resolve(name)),
            "[project]\nname = \"strategies\"\ndependencies = [\"nautilus-trader==1.221.0\"]\n");
    // With an API diff (of cached models) the verdict may be auto.
    nautilus.autoupdate.ApiCache.sameEmptyApiIn(
        cacheOf(repos.user).resolve("nautilus-autoupdate/models"), "1.221.0", "1.222.0");
    return repos;
  }

  /** The model cache (XDG_CACHE_HOME) of the clone {@code repo}, beside it. */
  static Path cacheOf(Path repo) {
    return repo.resolveSibling(repo.getFileName() + ".cache").toAbsolutePath();
  }

  CliRunner.Result rerun(Path repo) {
    return CliRunner.run(repo, env(repo), "run", "--skip-tests");
  }

  /**
   * What an interrupted run must end in like an uninterrupted one: the history, the update branch's
   * commits on the remote, the pull requests created and the merges asked for.
   */
  String everything(GitRepos repos) throws IOException {
    return finalState(repos.user)
        + "remote: "
        + repos.remoteBranches()
        + " "
        + git(repos.remote, "log", "--format=%s|%an|%T", "main.." + BRANCH)
        + "\nPRs created: "
        + up.pullRequestsCreated()
        + ", merges: "
        + up.mergesRequested()
        + "\nworktrees: "
        + git(repos.user, "worktree", "list").lines().count()
        + "\nmessages: "
        + messages();
  }

  /** The titles of every Discord embed received, in order: each event once. */
  List<String> messages() {
    List<String> titles = new ArrayList<>();
    discord
        .bodies()
        .forEach(b -> b.path("embeds").forEach(e -> titles.add(e.path("title").asText())));
    return titles;
  }

  /** status --format json without the times (they differ between runs). */
  String finalState(Path repo) throws IOException {
    CliRunner.Result r = CliRunner.run(repo, env(repo), "status", "--format", "json");
    var rows = Json.mapper().readTree(r.out());
    StringBuilder sb = new StringBuilder();
    rows.forEach(
        n ->
            sb.append(n.path("version").asText())
                .append(' ')
                .append(n.path("state").asText())
                .append(' ')
                .append(n.path("sources"))
                .append(' ')
                .append(n.path("recommendation").asText())
                .append(' ')
                .append(n.path("branch").asText())
                .append(' ')
                .append(n.path("pr_url").asText())
                .append(' ')
                .append(n.path("tests").asText())
                .append('\n'));
    return sb.toString();
  }

  @Test
  void killedAtEachStepIncludingInsideTheUpdateThenRerunEndsInTheSameState() throws Exception {
    GitRepos clean = repos("clean");
    CliRunner.Result uninterrupted = rerun(clean.user);
    assertThat(uninterrupted.exitCode()).as(uninterrupted.out() + uninterrupted.err()).isZero();
    String expected = everything(clean);
    assertThat(expected)
        .contains("1.222.0 merged [\"github\",\"pypi\"] auto " + BRANCH)
        .contains("https://github.com/acme/strategies/pull/7")
        .contains("chore(deps): update nautilus_trader to 1.222.0")
        .contains("PRs created: 1, merges: 1")
        .contains("worktrees: 1")
        .contains(
            "messages: [nautilus\\_trader 1.222.0 is out, Update to 1.222.0: pull request opened,"
                + " Update to 1.222.0 merged]");

    for (String point : killPoints()) {
      up.server.resetRequests();
      up.server.resetScenarios();
      discord.server.resetRequests();
      GitRepos repos = repos("kill-" + point.replace(':', '-'));
      String checkout = repos.userCheckoutHash();
      Child killed = child(repos.user, point);
      assertThat(killed.exitCode()).as(point + ": " + killed.out()).isEqualTo(137);
      CliRunner.Result again = rerun(repos.user);
      assertThat(again.exitCode()).as(point + ": " + again.out() + again.err()).isZero();
      assertThat(everything(repos)).as("after a kill at " + point).isEqualTo(expected);
      assertThat(repos.userCheckoutHash()).as(point).isEqualTo(checkout);
    }
  }

  @Test
  void aSecondRunWhileTheLockIsHeldExitsZeroWithAMessage() throws Exception {
    Path repo = repos("locked").user;
    Path stateDir = Path.of(env(repo).get("NAUTILUS_AUTOUPDATE_STATE_DIR"));
    try (RunLock held = RunLock.tryAcquire(stateDir).orElseThrow()) {
      Child second = child(repo, null);
      assertThat(second.exitCode()).as(second.out()).isZero();
      assertThat(second.out()).contains("another command is working").contains("run (pid ");
    }
    assertThat(stateDir.resolve("state.db")).doesNotExist();
    Child after = child(repo, null);
    assertThat(after.out()).contains("new 1.222.0");
  }
}

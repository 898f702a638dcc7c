package nautilus.autoupdate.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nautilus.autoupdate.TestClock;
import nautilus.autoupdate.config.AutoUpdateConfig;
import nautilus.autoupdate.config.Channel;
import nautilus.autoupdate.detect.DetectedVersion;
import nautilus.autoupdate.detect.FakeUpstream;
import nautilus.autoupdate.detect.Upstream;
import nautilus.autoupdate.gate.GateResult;
import nautilus.autoupdate.impact.Action;
import nautilus.autoupdate.impact.ImpactReport;
import nautilus.autoupdate.impact.Recommendation;
import nautilus.autoupdate.impact.TestReport;
import nautilus.autoupdate.notify.FakeDiscord;
import nautilus.autoupdate.notify.Notifications;
import nautilus.autoupdate.state.UpdateRecord;
import nautilus.autoupdate.version.Version;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cycle's events on a loopback Discord: which ones each outcome tells, and that a crash after
 * any step followed by a rerun tells each exactly once, like an uninterrupted run.
 */
class RunCycleNotifyTest {
  static final Version PIN = Version.parse("1.221.0");

  @TempDir Path repo;
  FakeUpstream up;
  FakeDiscord discord;
  Instant now = Instant.parse("2026-12-03T09:00:00Z");
  final Clock clock = TestClock.of(() -> now);

  @BeforeEach
  void start() {
    up = new FakeUpstream();
    up.publishStable("1.221.0", Instant.now().minus(Duration.ofDays(20)));
    up.publishStable("1.222.0", Instant.now().minus(Duration.ofDays(3)));
    discord = new FakeDiscord();
  }

  @AfterEach
  void stop() {
    up.close();
    discord.close();
  }

  static final class Crash extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  ImpactReport report(DetectedVersion t, Recommendation rec) {
    return TestReport.of(t.version(), PIN)
        .lines(3)
        .score(rec == Recommendation.MANUAL ? 40 : 90)
        .recommendation(rec)
        .actions(
            List.of(new Action("rename order_book_delta/ to order_book_deltas/ @everyone", null)))
        .build();
  }

  /** The update stage: opens a PR (or fails its tests); the gate merges at once. */
  RunCycle.UpdateStep stage(boolean testsPass) {
    return new RunCycle.UpdateStep() {
      @Override
      public RunCycle.Outcome update(DetectedVersion t, ImpactReport r, Optional<Path> n) {
        return new RunCycle.Outcome(
            testsPass,
            "update/v" + t.version(),
            "abc123def4567890",
            "https://github.com/acme/strategies/pull/7",
            testsPass ? "10 tests, 0 failed" : "10 tests, 2 failed (2 new)",
            testsPass ? "pull request" : "2 tests fail that passed before: test_orders");
      }

      @Override
      public GateResult merge(UpdateRecord u, Recommendation rec) {
        return new GateResult(GateResult.Kind.MERGED, "merged " + u.prUrl());
      }

      @Override
      public List<String> preview(DetectedVersion t, ImpactReport r, Optional<Path> n) {
        return List.of();
      }
    };
  }

  RunCycle.Result run(Recommendation rec, boolean testsPass, String crashAfter) {
    return run((t, notes) -> report(t, rec), testsPass, crashAfter);
  }

  RunCycle.Result run(RunCycle.AnalyzeStep analyze, boolean testsPass, String crashAfter) {
    AutoUpdateConfig config = up.config(repo.resolve("state"), "stable");
    try (Upstream u = Upstream.open(config, repo, Map.of(), clock, false)) {
      Notifications n =
          Notifications.from(
              config, Map.of("DISCORD_WEBHOOK_URL", discord.url()), u.state(), clock, l -> {});
      return new RunCycle(
              u.detector(),
              u.state(),
              u.notes(),
              analyze,
              stage(testsPass),
              clock,
              step -> {
                if (step.equals(crashAfter)) {
                  throw new Crash();
                }
              })
          .notifying(n)
          .run(Channel.STABLE, Optional.of(PIN), false);
    }
  }

  /** The embed titles Discord received, in order. */
  List<String> told() {
    List<String> out = new ArrayList<>();
    discord.bodies().forEach(b -> b.path("embeds").forEach(e -> out.add(e.path("title").asText())));
    return out;
  }

  @Test
  void anAutoUpdateTellsDetectedOpenedAndMergedOnce() {
    RunCycle.Result r = run(Recommendation.AUTO, true, null);
    assertThat(told())
        .containsExactly(
            "nautilus\\_trader 1.222.0 is out",
            "Update to 1.222.0: pull request opened",
            "Update to 1.222.0 merged");
    assertThat(r.messages()).contains("notified: pr-opened pr-opened:1.222.0");
    run(Recommendation.AUTO, true, null);
    assertThat(told()).hasSize(3);
  }

  @Test
  void aManualUpdateTellsWhatThePersonMustDo() {
    run(Recommendation.MANUAL, true, null);
    run(Recommendation.MANUAL, true, null);
    assertThat(told())
        .containsExactly("nautilus\\_trader 1.222.0 is out", "Update to 1.222.0 needs a person");
    var embed = discord.bodies().get(1).path("embeds").get(0);
    assertThat(embed.path("description").asText())
        .startsWith(
            "recommendation manual: confidence 40 (neutral), 0 affected file(s), 3 line(s)");
    assertThat(embed.path("fields").get(0).path("value").asText())
        .contains("order\\_book\\_delta/")
        .contains("@\u200beveryone");
  }

  @Test
  void failedTestsAreTold() {
    run(Recommendation.AUTO, false, null);
    assertThat(told())
        .containsExactly("nautilus\\_trader 1.222.0 is out", "Update to 1.222.0: tests failed");
    var embed = discord.bodies().get(1).path("embeds").get(0);
    assertThat(embed.path("description").asText()).contains("test\\_orders");
    assertThat(embed.path("url").asText()).isEqualTo("https://github.com/acme/strategies/pull/7");
  }

  @Test
  void anEventThatCouldNotBeSentGoesOutOnTheNextRun() {
    discord.failing(500, "{}");
    RunCycle.Result r = run(Recommendation.MANUAL, true, null);
    assertThat(r.messages()).contains("not notified (every channel failed): manual:1.222.0");
    discord.accepting();
    discord.server.resetRequests();
    RunCycle.Result again = run(Recommendation.MANUAL, true, null);
    assertThat(again.messages()).anyMatch(m -> m.contains("handled before (needs-person)"));
    assertThat(told())
        .containsExactly("nautilus\\_trader 1.222.0 is out", "Update to 1.222.0 needs a person");
  }

  /** Blocked from 1.223.0 on (a dropped Python), auto below. */
  ImpactReport blockedFrom1223(DetectedVersion t) {
    if (t.version().compareTo(Version.parse("1.223.0")) < 0) {
      return report(t, Recommendation.AUTO);
    }
    return BlockedReport.droppedPython311(t.version(), PIN);
  }

  @Test
  void aBlockedNewestTellsWhatBlocksItAndTheChangeThatLiftsItThenTheSteppingStone() {
    up.publishStable("1.223.0", Instant.now().minus(Duration.ofDays(2)));
    up.publishStable("1.224.0", Instant.now().minus(Duration.ofDays(1)));
    run((t, notes) -> blockedFrom1223(t), true, null);
    run((t, notes) -> blockedFrom1223(t), true, null);
    assertThat(told())
        .containsExactly(
            "nautilus\\_trader 1.224.0 is out",
            "Update to 1.224.0 is blocked",
            "nautilus\\_trader 1.222.0 is out",
            "Update to 1.222.0: pull request opened",
            "Update to 1.222.0 merged");
    var blocked = discord.bodies().get(1).path("embeds").get(0);
    assertThat(blocked.path("description").asText())
        .contains("blocked from 1.223.0 on")
        .contains("to unblock: raise requires-python to >=3.12");
  }

  static List<String> steps() {
    return RunCycle.STEPS;
  }

  @ParameterizedTest
  @MethodSource("steps")
  void aCrashAfterAnyStepThenARerunTellsEachEventOnce(String step) {
    run(Recommendation.AUTO, true, null);
    List<String> expected = told();
    discord.server.resetRequests();
    repo = repo.resolve("again-" + step);
    assertThatThrownBy(() -> run(Recommendation.AUTO, true, step)).isInstanceOf(Crash.class);
    run(Recommendation.AUTO, true, null);
    run(Recommendation.AUTO, true, null);
    assertThat(told()).as("after a crash at " + step).isEqualTo(expected);
  }

  @Test
  void theDigestOfYesterdayGoesOutOnTodaysFirstRun() {
    AutoUpdateConfig config =
        up.config(repo.resolve("state"), "stable").with("notify_mode", "digest");
    try (Upstream u = Upstream.open(config, repo, Map.of(), clock, false)) {
      Notifications n =
          Notifications.from(
              config, Map.of("DISCORD_WEBHOOK_URL", discord.url()), u.state(), clock, l -> {});
      RunCycle cycle =
          new RunCycle(
                  u.detector(),
                  u.state(),
                  u.notes(),
                  (t, notes) -> report(t, Recommendation.MANUAL),
                  stage(true),
                  clock,
                  s -> {})
              .notifying(n);
      RunCycle.Result first = cycle.run(Channel.STABLE, Optional.of(PIN), false);
      assertThat(first.messages()).contains("queued for the digest: manual:1.222.0");
      assertThat(discord.bodies()).isEmpty();
      now = now.plus(Duration.ofDays(1));
      RunCycle.Result next = cycle.run(Channel.STABLE, Optional.of(PIN), false);
      assertThat(next.messages().get(0)).startsWith("digest for 2026-12-03 sent via discord");
    }
    assertThat(discord.bodies()).hasSize(1);
    assertThat(told())
        .containsExactly("nautilus\\_trader 1.222.0 is out", "Update to 1.222.0 needs a person");
  }
}

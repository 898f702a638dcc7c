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
import nautilus.autoupdate.UserError;
import nautilus.autoupdate.config.Channel;
import nautilus.autoupdate.detect.DetectedVersion;
import nautilus.autoupdate.detect.FakeUpstream;
import nautilus.autoupdate.detect.Upstream;
import nautilus.autoupdate.gate.GateResult;
import nautilus.autoupdate.impact.ImpactReport;
import nautilus.autoupdate.impact.Recommendation;
import nautilus.autoupdate.impact.TestReport;
import nautilus.autoupdate.state.UpdateStatus;
import nautilus.autoupdate.version.Version;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The run cycle against the fake upstream, with the check and update stages standing behind the
 * cycle's two step interfaces: a crash after any step, then a rerun, ends in the same state as an
 * uninterrupted run, and no finished step is repeated.
 */
class RunCycleTest {
  static final Version PIN = Version.parse("1.221.0");

  /** The version pinned now; moved by a test to play a merged update. */
  Version pin = PIN;

  /** Whether 1.223.0 and later are blocked (blockedOrAuto); cleared to play a lifted block. */
  boolean blocking = true;

  @TempDir Path repo;
  FakeUpstream up;
  final List<String> analyzed = new ArrayList<>();
  final List<String> updated = new ArrayList<>();
  final List<String> merged = new ArrayList<>();

  /** Moved forward by tests. */
  Instant now = Instant.now();

  /** What the merge gate answers (its own rules are MergeGateTest's). */
  java.util.function.Function<Recommendation, GateResult> gate =
      rec -> new GateResult(GateResult.Kind.MERGED, "merged https://example.test/pr/7");

  final Clock clock = TestClock.of(() -> now);

  /** The update stage as the cycle sees it: records what it was asked to do. */
  final class Stage implements RunCycle.UpdateStep {
    final java.util.function.BiFunction<DetectedVersion, ImpactReport, RunCycle.Outcome> update;

    Stage(java.util.function.BiFunction<DetectedVersion, ImpactReport, RunCycle.Outcome> update) {
      this.update = update;
    }

    @Override
    public RunCycle.Outcome update(DetectedVersion t, ImpactReport r, Optional<Path> notes) {
      return update.apply(t, r);
    }

    @Override
    public GateResult merge(nautilus.autoupdate.state.UpdateRecord u, Recommendation rec) {
      GateResult g = gate.apply(rec);
      if (g.kind() == GateResult.Kind.MERGED) {
        merged.add(u.version() + " " + u.branch());
      }
      return g;
    }

    @Override
    public List<String> preview(DetectedVersion t, ImpactReport r, Optional<Path> notes) {
      return List.of("would create branch update/v" + t.version());
    }
  }

  RunCycle.Outcome opened(DetectedVersion t) {
    updated.add(t.version().toString());
    return new RunCycle.Outcome(
        true,
        "update/v" + t.version(),
        "abc123",
        "https://example.test/pr/7",
        "41 passed",
        "opened");
  }

  /** Stands in for a crash: thrown by the checkpoint hook. */
  static final class Crash extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  @BeforeEach
  void start() {
    up = new FakeUpstream();
    up.publishStable("1.221.0", Instant.now().minus(Duration.ofDays(20)));
    up.publishStable("1.222.0", Instant.now().minus(Duration.ofMinutes(3)));
  }

  @AfterEach
  void stop() {
    up.close();
  }

  ImpactReport report(DetectedVersion t, Recommendation rec) {
    return TestReport.of(t.version(), pin).recommendation(rec).build();
  }

  RunCycle.Result run(Path stateDir, Recommendation rec, String crashAfter, boolean dryRun) {
    return runWith(
        stateDir,
        (t, notes) -> {
          analyzed.add(t.version() + (notes.isPresent() ? "+notes" : ""));
          return report(t, rec);
        },
        new Stage((t, r) -> opened(t)),
        step -> {
          if (step.equals(crashAfter)) {
            throw new Crash();
          }
        },
        dryRun);
  }

  RunCycle.Result runWith(
      Path stateDir,
      RunCycle.AnalyzeStep analyze,
      RunCycle.UpdateStep update,
      java.util.function.Consumer<String> checkpoint,
      boolean dryRun) {
    try (Upstream u = Upstream.open(up.config(stateDir, "stable"), repo, Map.of(), clock, dryRun)) {
      return new RunCycle(u.detector(), u.state(), u.notes(), analyze, update, clock, checkpoint)
          .run(Channel.STABLE, Optional.of(pin), dryRun);
    }
  }

  String finalState(Path stateDir) {
    try (var db = nautilus.autoupdate.state.StateDb.open(stateDir, Clock.systemUTC())) {
      StringBuilder sb = new StringBuilder();
      db.updates()
          .forEach(
              u ->
                  sb.append(u.version())
                      .append(' ')
                      .append(u.status())
                      .append(' ')
                      .append(u.branch())
                      .append(' ')
                      .append(u.prUrl())
                      .append(' ')
                      .append(u.tests())
                      .append('\n'));
      sb.append(db.recommendation(Version.parse("1.222.0")).orElse("none")).append('\n');
      db.seenVersions()
          .forEach(s -> sb.append(s.version()).append('/').append(s.source()).append('\n'));
      return sb.toString();
    }
  }

  @Test
  void anAllowedUpdateRunsOnceAndIsRecorded() {
    Path state = repo.resolve("s");
    RunCycle.Result r = run(state, Recommendation.AUTO, null, false);
    assertThat(r.status()).contains(UpdateStatus.UPDATED);
    assertThat(analyzed).containsExactly("1.222.0+notes");
    assertThat(updated).containsExactly("1.222.0");
    // The PR goes through the gate in the same run.
    assertThat(merged).containsExactly("1.222.0 update/v1.222.0");
    assertThat(finalState(state))
        .contains("1.222.0 MERGED update/v1.222.0 https://example.test/pr/7 41 passed");
    RunCycle.Result again = run(state, Recommendation.AUTO, null, false);
    assertThat(again.messages()).anyMatch(m -> m.contains("handled before (merged)"));
    assertThat(analyzed).hasSize(1);
    assertThat(updated).hasSize(1);
    assertThat(merged).hasSize(1);
  }

  @Test
  void aManualRecommendationIsHandedToAPerson() {
    Path state = repo.resolve("s");
    assertThat(run(state, Recommendation.MANUAL, null, false).status())
        .contains(UpdateStatus.NEEDS_PERSON);
    assertThat(updated).isEmpty();
  }

  @Test
  void aFailedUpdateIsRecordedAndReported() {
    Path state = repo.resolve("s");
    assertThatThrownBy(
            () ->
                runWith(
                    state,
                    (t, n) -> report(t, Recommendation.AUTO),
                    new Stage(
                        (t, r) -> {
                          throw new UserError("git push failed on update/v1.222.0");
                        }),
                    step -> {},
                    false))
        .hasMessageContaining("git push failed");
    assertThat(finalState(state)).contains("1.222.0 FAILED");
    assertThat(merged).isEmpty();
  }

  @Test
  void aDryRunStoresNothing() {
    Path state = repo.resolve("s");
    RunCycle.Result r = run(state, Recommendation.AUTO, null, true);
    assertThat(r.messages()).anyMatch(m -> m.contains("dry run: would update"));
    assertThat(r.messages()).contains("would create branch update/v1.222.0");
    assertThat(updated).isEmpty();
    assertThat(state).as("a dry run creates nothing in state_dir").doesNotExist();
    assertThat(analyzed).containsExactly("1.222.0+notes");
  }

  @Test
  void aGateThatWaitsLeavesTheUpdateForTheNextRunAndAFinalVerdictIsRecordedOnce() {
    Path state = repo.resolve("s");
    gate = rec -> new GateResult(GateResult.Kind.WAIT, "pr/7 may merge by itself after T");
    RunCycle.Result first = run(state, Recommendation.DELAYED, null, false);
    assertThat(first.status()).contains(UpdateStatus.UPDATED);
    assertThat(first.messages()).contains("1.222.0: pr/7 may merge by itself after T");
    gate = rec -> new GateResult(GateResult.Kind.HOLD, "held: label 'hold'");
    assertThat(run(state, Recommendation.DELAYED, null, false).messages())
        .contains("1.222.0: held: label 'hold'");
    assertThat(finalState(state)).contains("1.222.0 UPDATED");

    gate = rec -> new GateResult(GateResult.Kind.REFUSED, "GitHub refused to merge (HTTP 405)");
    RunCycle.Result refused = run(state, Recommendation.DELAYED, null, false);
    assertThat(refused.messages()).contains("1.222.0: GitHub refused to merge (HTTP 405)");
    assertThat(finalState(state)).contains("1.222.0 NEEDS_PERSON");
    gate =
        rec -> {
          throw new AssertionError("a refused merge is not tried again");
        };
    run(state, Recommendation.DELAYED, null, false);
    assertThat(updated).hasSize(1);
  }

  @Test
  void aClosedPrAndAGateErrorEndTheMerge() {
    Path closed = repo.resolve("closed");
    gate = rec -> new GateResult(GateResult.Kind.CLOSED, "no open pull request for update/v1");
    run(closed, Recommendation.AUTO, null, false);
    assertThat(finalState(closed)).contains("1.222.0 PR_CLOSED");
    Path failing = repo.resolve("failing");
    gate =
        rec -> {
          throw new UserError("GET /pulls: HTTP 401 Bad credentials");
        };
    RunCycle.Result r = run(failing, Recommendation.AUTO, null, false);
    assertThat(r.messages())
        .anyMatch(m -> m.contains("needs-person: merge failed: GET /pulls: HTTP 401"));
    assertThat(finalState(failing)).contains("1.222.0 NEEDS_PERSON");
  }

  @Test
  void anUpdateThatBreaksTestsIsFailedWithItsBranchAndPrAndNeverMerged() {
    Path state = repo.resolve("s");
    RunCycle.Result r =
        runWith(
            state,
            (t, n) -> report(t, Recommendation.AUTO),
            new Stage(
                (t, rep) ->
                    new RunCycle.Outcome(
                        false,
                        "update/v" + t.version(),
                        "def456",
                        "https://example.test/pr/8",
                        "3 tests, 1 failed (1 new)",
                        "the update introduces 1 failing test(s): test_x")),
            step -> {},
            false);
    assertThat(r.status()).contains(UpdateStatus.FAILED);
    assertThat(r.messages()).anyMatch(m -> m.contains("failing test(s): test_x"));
    assertThat(finalState(state))
        .contains("1.222.0 FAILED update/v1.222.0 https://example.test/pr/8 3 tests, 1 failed");
    assertThat(merged).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"detected", "targeted", "checked", "updating", "recorded", "merged"})
  void aCrashAfterAnyStepThenARerunEndsLikeAnUninterruptedRun(String step) {
    Path clean = repo.resolve("clean");
    run(clean, Recommendation.AUTO, null, false);
    String expected = finalState(clean);
    analyzed.clear();
    updated.clear();
    merged.clear();

    Path crashed = repo.resolve("crashed");
    assertThatThrownBy(() -> run(crashed, Recommendation.AUTO, step, false))
        .isInstanceOf(Crash.class);
    run(crashed, Recommendation.AUTO, null, false);
    assertThat(finalState(crashed)).isEqualTo(expected);
    // Finished steps are not repeated.
    assertThat(analyzed).hasSize(1);
    assertThat(updated).hasSize(1);
    assertThat(merged).hasSize(1);
  }

  @Test
  void aCrashInsideTheUpdateStepStartsTheUpdateAgainOnRerun() {
    Path state = repo.resolve("s");
    assertThatThrownBy(
            () ->
                runWith(
                    state,
                    (t, n) -> report(t, Recommendation.AUTO),
                    new Stage(
                        (t, r) -> {
                          updated.add("half");
                          throw new Crash();
                        }),
                    step -> {},
                    false))
        .isInstanceOf(Crash.class);
    assertThat(finalState(state)).contains("1.222.0 UPDATING");
    run(state, Recommendation.AUTO, null, false);
    assertThat(updated).containsExactly("half", "1.222.0");
    assertThat(analyzed).as("the stored report is reused").isEmpty();
    assertThat(finalState(state)).contains("1.222.0 MERGED");
  }

  /** A report blocked from 1.223.0 on: that release drops the Python our requires-python allows. */
  ImpactReport blockedOrAuto(DetectedVersion t) {
    analyzed.add(t.version().toString());
    if (!blocking || t.version().compareTo(Version.parse("1.223.0")) < 0) {
      return report(t, Recommendation.AUTO);
    }
    return BlockedReport.droppedPython311(t.version(), pin);
  }

  @Test
  void aBlockedNewestStepsBackToTheNewestVersionBelowTheBlockAndARerunConverges() {
    up.publishStable("1.223.0", Instant.now().minus(Duration.ofMinutes(2)));
    up.publishStable("1.224.0", Instant.now().minus(Duration.ofMinutes(1)));
    Path state = repo.resolve("s");
    assertThatThrownBy(
            () ->
                runWith(
                    state,
                    (t, n) -> blockedOrAuto(t),
                    new Stage((t, r) -> opened(t)),
                    step -> {
                      if (step.equals("updating")) {
                        throw new Crash();
                      }
                    },
                    false))
        .isInstanceOf(Crash.class);
    RunCycle.Result r =
        runWith(
            state, (t, n) -> blockedOrAuto(t), new Stage((t, rep) -> opened(t)), s -> {}, false);
    // 1.223.0 is skipped unasked: the block applies from it on.
    assertThat(analyzed).containsExactly("1.224.0", "1.222.0");
    assertThat(updated).containsExactly("1.222.0");
    assertThat(r.target()).map(DetectedVersion::version).contains(Version.parse("1.222.0"));
    assertThat(r.messages())
        .contains(
            "1.224.0: blocked from 1.223.0 on: Python 3.11 no longer supported: your"
                + " requires-python says >=3.11 (to unblock: raise requires-python to >=3.12)",
            "stepping stone: 1.222.0 is the newest version that is not blocked by this");
    assertThat(finalState(state)).contains("1.224.0 NEEDS_PERSON").contains("1.222.0 MERGED");
    try (var db = nautilus.autoupdate.state.StateDb.open(state, Clock.systemUTC())) {
      assertThat(db.updateFor(Version.parse("1.224.0")).orElseThrow().message())
          .contains("to unblock: raise requires-python to >=3.12");
    }
  }

  @Test
  void aBlockedVersionIsCheckedAgainOnceThePinMovesAndOnlyThen() {
    up.publishStable("1.223.0", Instant.now().minus(Duration.ofMinutes(2)));
    Path state = repo.resolve("s");
    runWith(state, (t, n) -> blockedOrAuto(t), new Stage((t, rep) -> opened(t)), s -> {}, false);
    assertThat(analyzed).containsExactly("1.223.0", "1.222.0");
    RunCycle.Result same =
        runWith(
            state, (t, n) -> blockedOrAuto(t), new Stage((t, rep) -> opened(t)), s -> {}, false);
    assertThat(same.messages()).contains("1.223.0 was handled before (needs-person)");
    assertThat(analyzed).as("same pin: the stored decision stands").hasSize(2);

    // The stepping stone merged and the person raised requires-python with it.
    pin = Version.parse("1.222.0");
    blocking = false;
    RunCycle.Result moved =
        runWith(
            state, (t, n) -> blockedOrAuto(t), new Stage((t, rep) -> opened(t)), s -> {}, false);
    assertThat(moved.messages())
        .contains("1.223.0: blocked from an older pin; checking it again on 1.222.0")
        .contains("1.223.0: recommendation auto");
    assertThat(analyzed).containsExactly("1.223.0", "1.222.0", "1.223.0");
    assertThat(updated).containsExactly("1.222.0", "1.223.0");
    assertThat(finalState(state)).contains("1.223.0 MERGED");
  }

  @Test
  void everyStepIsCovered() {
    assertThat(RunCycle.STEPS)
        .containsExactly("detected", "targeted", "checked", "updating", "recorded", "merged");
  }
}

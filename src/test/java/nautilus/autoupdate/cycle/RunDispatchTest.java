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
import java.util.function.BiFunction;
import nautilus.autoupdate.config.Channel;
import nautilus.autoupdate.detect.DetectedVersion;
import nautilus.autoupdate.detect.FakeUpstream;
import nautilus.autoupdate.detect.Upstream;
import nautilus.autoupdate.gate.GateResult;
import nautilus.autoupdate.impact.ImpactReport;
import nautilus.autoupdate.impact.Recommendation;
import nautilus.autoupdate.impact.TestReport;
import nautilus.autoupdate.state.StateDb;
import nautilus.autoupdate.state.UpdateRecord;
import nautilus.autoupdate.state.UpdateStatus;
import nautilus.autoupdate.version.Version;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run cycle's dispatch: when the fixes leave something (or the update broke tests), run hands
 * it to the agent by itself; the agent's committed work is recorded for a person to review (the
 * gate never merges it), a failed dispatch asks for a person, and a crash mid-dispatch resumes.
 */
class RunDispatchTest {
  static final Version PIN = Version.parse("1.221.0");

  @TempDir Path repo;
  FakeUpstream up;
  final List<String> calls = new ArrayList<>();

  /** Whether the fixes leave sites at or above the threshold, as the fake says. */
  boolean wanted = true;

  /** What the fake agent's dispatch ends in. */
  BiFunction<DetectedVersion, ImpactReport, RunCycle.Handover> agent =
      (t, r) ->
          new RunCycle.Handover(
              "committed",
              true,
              new RunCycle.Outcome(
                  true,
                  "update/v" + t.version(),
                  "def456",
                  "https://example.test/pr/7",
                  "10 passed",
                  "committed the agent's change (def456): breaks 2 → 0"));

  /** Whether the update's tests pass, as the fake says. */
  boolean testsPass = true;

  @BeforeEach
  void start() {
    up = new FakeUpstream();
    up.publishStable("1.222.0", Instant.now().minus(Duration.ofDays(20)));
  }

  @AfterEach
  void stop() {
    up.close();
  }

  final class Update implements RunCycle.UpdateStep {
    @Override
    public RunCycle.Outcome update(DetectedVersion t, ImpactReport r, Optional<Path> notes) {
      calls.add("update");
      return new RunCycle.Outcome(
          testsPass,
          "update/v" + t.version(),
          "abc123",
          "https://example.test/pr/7",
          testsPass ? "10 passed" : "10 tests, 1 failed",
          testsPass ? "opened" : "the update introduces 1 failing test(s)");
    }

    @Override
    public GateResult merge(UpdateRecord u, Recommendation rec) {
      calls.add("merge");
      return new GateResult(GateResult.Kind.MERGED, "merged");
    }

    @Override
    public List<String> preview(DetectedVersion t, ImpactReport r, Optional<Path> notes) {
      return List.of();
    }
  }

  final class Agent implements RunCycle.DispatchStep {
    @Override
    public boolean wanted(DetectedVersion t, ImpactReport r) {
      calls.add("wanted");
      return wanted;
    }

    @Override
    public RunCycle.Handover dispatch(DetectedVersion t, ImpactReport r, Optional<Path> notes) {
      calls.add("dispatch");
      return agent.apply(t, r);
    }
  }

  static ImpactReport report(DetectedVersion t, Recommendation rec) {
    return TestReport.of(t.version(), PIN).score(50).recommendation(rec).build();
  }

  /** Where notifications go when set (a loopback Discord). */
  nautilus.autoupdate.notify.FakeDiscord discord;

  RunCycle.Result run(Path state, Recommendation rec) {
    try (Upstream u =
        Upstream.open(up.config(state, "stable"), repo, Map.of(), Clock.systemUTC(), false)) {
      nautilus.autoupdate.notify.Notifications told =
          discord == null
              ? nautilus.autoupdate.notify.Notifications.off()
              : nautilus.autoupdate.notify.Notifications.from(
                  up.config(state, "stable"),
                  Map.of("DISCORD_WEBHOOK_URL", discord.url()),
                  u.state(),
                  Clock.systemUTC(),
                  l -> {});
      return new RunCycle(
              u.detector(),
              u.state(),
              u.notes(),
              (t, n) -> report(t, rec),
              new Update(),
              new Agent(),
              Clock.systemUTC(),
              s -> {})
          .notifying(told)
          .run(Channel.STABLE, Optional.of(PIN), false);
    }
  }

  UpdateRecord record(Path state) {
    try (StateDb db = StateDb.open(state, Clock.systemUTC())) {
      return db.updateFor(Version.parse("1.222.0")).orElseThrow();
    }
  }

  @Test
  void aManualUpdateWhoseFixesLeaveSitesGoesToTheAgentAndItsWorkWaitsForAPerson() {
    Path state = repo.resolve("s");
    RunCycle.Result r = run(state, Recommendation.MANUAL);
    assertThat(r.status()).contains(UpdateStatus.DISPATCHED);
    // The dispatcher makes the branch itself; the gate leaves the agent's work to a person.
    assertThat(calls).containsExactly("wanted", "dispatch");
    UpdateRecord rec = record(state);
    assertThat(rec.commitSha()).isEqualTo("def456");
    assertThat(rec.prUrl()).isEqualTo("https://example.test/pr/7");
    assertThat(rec.message()).startsWith("agent: committed");
    assertThat(r.messages()).anyMatch(m -> m.contains("1.222.0: dispatched"));

    RunCycle.Result again = run(state, Recommendation.MANUAL);
    assertThat(again.messages()).anyMatch(m -> m.contains("handled before (dispatched)"));
    assertThat(calls).containsExactly("wanted", "dispatch");
  }

  @Test
  void anAgentThatFailsLeavesTheUpdateToAPersonWithWhy() {
    agent =
        (t, r) ->
            new RunCycle.Handover(
                "guardrail",
                false,
                new RunCycle.Outcome(
                    false,
                    "update/v" + t.version(),
                    null,
                    "https://example.test/pr/7",
                    null,
                    "the agent broke 1 rule(s) (pyproject.toml: ...)"));
    Path state = repo.resolve("s");
    assertThat(run(state, Recommendation.MANUAL).status()).contains(UpdateStatus.NEEDS_PERSON);
    UpdateRecord rec = record(state);
    assertThat(rec.message()).startsWith("agent guardrail: the agent broke 1 rule(s)");
    assertThat(rec.prUrl()).isEqualTo("https://example.test/pr/7");
    assertThat(calls).doesNotContain("merge");
  }

  @Test
  void anAutoUpdateThatBreaksTestsIsHandedToTheAgent() {
    testsPass = false;
    Path state = repo.resolve("s");
    assertThat(run(state, Recommendation.AUTO).status()).contains(UpdateStatus.DISPATCHED);
    // Broken tests are left by the update itself: no need to ask the fixer.
    assertThat(calls).containsExactly("update", "dispatch");
  }

  @Test
  void anAutoUpdateWithNothingLeftIsNotDispatchedAndGoesThroughTheGate() {
    wanted = false;
    Path state = repo.resolve("s");
    assertThat(run(state, Recommendation.AUTO).status()).contains(UpdateStatus.UPDATED);
    assertThat(calls).containsExactly("update", "wanted", "merge");
  }

  @Test
  void aManualUpdateTheFixesLeaveNothingOfIsAPersonsAndAnUpdateNothingIsLeftOfKeepsItsRecord() {
    wanted = false;
    Path state = repo.resolve("s");
    assertThat(run(state, Recommendation.MANUAL).status()).contains(UpdateStatus.NEEDS_PERSON);
    assertThat(calls).containsExactly("wanted");

    wanted = true;
    agent =
        (t, r) ->
            new RunCycle.Handover(
                "nothing-left",
                false,
                new RunCycle.Outcome(true, "update/v" + t.version(), null, null, null, "none"));
    Path other = repo.resolve("t");
    calls.clear();
    assertThat(run(other, Recommendation.AUTO).status()).contains(UpdateStatus.UPDATED);
    assertThat(calls).containsExactly("update", "wanted", "dispatch", "merge");
  }

  @Test
  void aCrashWhileTheAgentWorksIsResumedByTheNextRun() {
    agent =
        (t, r) -> {
          throw new IllegalStateException("killed");
        };
    Path state = repo.resolve("s");
    assertThatThrownBy(() -> run(state, Recommendation.MANUAL)).hasMessage("killed");
    assertThat(record(state).status()).isEqualTo(UpdateStatus.UPDATING);
    assertThat(record(state).message()).isEqualTo("dispatch started");

    agent = new RunDispatchTest().agent;
    assertThat(run(state, Recommendation.MANUAL).status()).contains(UpdateStatus.DISPATCHED);
    assertThat(calls).containsExactly("wanted", "dispatch", "wanted", "dispatch");
  }

  @Test
  void theAgentsOutcomeIsToldOnceAcrossReruns() {
    discord = new nautilus.autoupdate.notify.FakeDiscord();
    try {
      Path state = repo.resolve("s");
      RunCycle.Result r = run(state, Recommendation.MANUAL);
      assertThat(r.messages()).anyMatch(m -> m.startsWith("notified: agent-done"));
      RunCycle.Result again = run(state, Recommendation.MANUAL);
      assertThat(again.messages()).noneMatch(m -> m.startsWith("notified: agent"));

      agent =
          (t, rep) ->
              new RunCycle.Handover(
                  "timed-out",
                  false,
                  new RunCycle.Outcome(false, "update/v" + t.version(), null, null, null, "slow"));
      Path other = repo.resolve("t");
      assertThat(run(other, Recommendation.MANUAL).messages())
          .anyMatch(m -> m.startsWith("notified: agent-failed"));
    } finally {
      discord.close();
    }
  }
}

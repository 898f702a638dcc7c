package nautilus.autoupdate.cycle;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import nautilus.autoupdate.agent.DispatchResult;
import nautilus.autoupdate.agent.Dispatchers;
import nautilus.autoupdate.config.AutoUpdateConfig;
import nautilus.autoupdate.detect.DetectedVersion;
import nautilus.autoupdate.fix.FixEngine;
import nautilus.autoupdate.fix.FixResult;
import nautilus.autoupdate.fix.Proof;
import nautilus.autoupdate.impact.AffectedFile;
import nautilus.autoupdate.impact.ImpactReport;
import nautilus.autoupdate.impact.Severity;
import nautilus.autoupdate.state.StateDb;
import nautilus.autoupdate.update.UpdaterFactory;

/**
 * The run cycle's dispatch step: the same {@link nautilus.autoupdate.agent.Dispatcher} as {@code
 * dispatch}, built on the run's {@link UpdaterFactory} and state, with {@code dispatch_threshold}
 * as the bar, and the branch's worktree analyzed as the check step analyzes the checkout. It runs
 * inside run's repository lock and does not take it again.
 */
public final class AgentDispatch implements RunCycle.DispatchStep {
  private final UpdaterFactory factory;
  private final AutoUpdateConfig config;
  private final Map<String, String> env;
  private final StateDb state;
  private final ImpactCheck check;
  private final Proof proof;
  private final Severity threshold;
  private final Consumer<String> log;

  public AgentDispatch(
      UpdaterFactory factory,
      AutoUpdateConfig config,
      Map<String, String> env,
      StateDb state,
      ImpactCheck check,
      Proof proof,
      Consumer<String> log) {
    this.factory = factory;
    this.config = config;
    this.env = env;
    this.state = state;
    this.check = check;
    this.proof = proof;
    this.threshold = threshold(config);
    this.log = log;
  }

  /** {@code dispatch_threshold} as a severity (validated by the config: LOW to CRITICAL). */
  static Severity threshold(AutoUpdateConfig config) {
    return Severity.valueOf(config.dispatchThreshold().strip().toUpperCase(java.util.Locale.ROOT));
  }

  @Override
  public boolean wanted(DetectedVersion target, ImpactReport report) {
    Path dir = factory.checkout().resolve(factory.project());
    FixResult planned = new FixEngine(proof).plan(dir, report).result();
    for (FixResult.Skipped s : planned.skipped()) {
      for (AffectedFile f : report.affectedFiles()) {
        if (f.path().equals(s.path()) && f.severity().ordinal() <= threshold.ordinal()) {
          return true;
        }
      }
    }
    return false;
  }

  @Override
  public RunCycle.Handover dispatch(
      DetectedVersion target, ImpactReport report, Optional<Path> releaseNotes) {
    DispatchResult r =
        Dispatchers.build(
                factory,
                config,
                env,
                state,
                target.version(),
                report,
                UpdaterFactory.notesExcerpt(releaseNotes.orElse(null), target.version()),
                dir ->
                    check.analyzeAt(
                        dir, Optional.of(report.previousVersion()), target, releaseNotes),
                proof,
                threshold,
                log)
            .run(target.version(), false);
    return new RunCycle.Handover(
        r.outcome().id(),
        r.commitSha() != null && r.success(),
        new RunCycle.Outcome(
            r.success(), r.branch(), r.commitSha(), r.prUrl(), r.tests(), r.message()));
  }
}

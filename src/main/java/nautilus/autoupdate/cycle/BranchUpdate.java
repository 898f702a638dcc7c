package nautilus.autoupdate.cycle;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import nautilus.autoupdate.UserError;
import nautilus.autoupdate.detect.DetectedVersion;
import nautilus.autoupdate.gate.GateResult;
import nautilus.autoupdate.gate.MergeGate;
import nautilus.autoupdate.github.PullRequests;
import nautilus.autoupdate.impact.ImpactReport;
import nautilus.autoupdate.impact.Recommendation;
import nautilus.autoupdate.state.StateDb;
import nautilus.autoupdate.state.UpdateRecord;
import nautilus.autoupdate.update.UpdateResult;
import nautilus.autoupdate.update.Updater;
import nautilus.autoupdate.update.UpdaterFactory;

/**
 * The run cycle's update step: the same {@link Updater} as the {@code update} command, built by
 * {@link UpdaterFactory}, with the release notes the {@link ReleaseNotesFetcher} found quoted in
 * the pull request; and the {@link MergeGate} for the pull requests it opened.
 */
public final class BranchUpdate implements RunCycle.UpdateStep {
  private final UpdaterFactory factory;
  private final StateDb state;
  private final MergeGate.Policy policy;
  private final Clock clock;

  /** {@code state} records the gate's merges; {@code clock} times its windows. */
  public BranchUpdate(UpdaterFactory factory, StateDb state, MergeGate.Policy policy, Clock clock) {
    this.factory = factory;
    this.state = state;
    this.policy = policy;
    this.clock = clock;
  }

  @Override
  public RunCycle.Outcome update(
      DetectedVersion target, ImpactReport report, Optional<Path> releaseNotes) {
    Updater updater = factory.updater(target.version(), report);
    UpdateResult r = updater.run(request(target, report, releaseNotes));
    String tests = r.testResult() == null ? null : Updater.summary(r.testResult());
    String message =
        !r.success()
            ? r.errorMessage()
            : r.prUrl() != null
                ? "pull request " + r.prUrl()
                : factory.options().push() && !factory.options().offline()
                    ? "branch pushed; no pull request (no GitHub token)"
                    : "branch committed locally";
    return new RunCycle.Outcome(
        r.success(), r.branchName(), r.commitSha(), r.prUrl(), tests, message);
  }

  @Override
  public GateResult merge(UpdateRecord update, Recommendation recommendation) {
    PullRequests pulls =
        factory
            .pullRequests()
            .orElseThrow(
                () ->
                    new UserError(
                        "no GitHub token to merge "
                            + update.prUrl()
                            + ": set GITHUB_TOKEN or run 'gh auth login'"));
    return new MergeGate(pulls, state, policy, clock).pass(update, recommendation);
  }

  @Override
  public List<String> preview(
      DetectedVersion target, ImpactReport report, Optional<Path> releaseNotes) {
    return factory
        .updater(target.version(), report)
        .preview(request(target, report, releaseNotes), factory.checkout());
  }

  private Updater.Request request(
      DetectedVersion target, ImpactReport report, Optional<Path> releaseNotes) {
    return factory.request(
        target.version(),
        report,
        UpdaterFactory.notesExcerpt(releaseNotes.orElse(null), target.version()));
  }
}

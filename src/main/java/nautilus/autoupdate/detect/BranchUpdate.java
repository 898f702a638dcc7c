package nautilus.autoupdate.detect;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import nautilus.autoupdate.UserError;
import nautilus.autoupdate.github.PullRequest;
import nautilus.autoupdate.github.PullRequests;
import nautilus.autoupdate.impact.ImpactReport;
import nautilus.autoupdate.state.UpdateRecord;
import nautilus.autoupdate.update.UpdateResult;
import nautilus.autoupdate.update.Updater;
import nautilus.autoupdate.update.UpdaterFactory;
import nautilus.autoupdate.verify.TestStatus;

/**
 * The run cycle's update step: the same {@link Updater} as the {@code update} command, built by
 * {@link UpdaterFactory}, with the release notes the {@link ReleaseNotesFetcher} found quoted in
 * the pull request; and the merge of an updated pull request once it is due.
 */
public final class BranchUpdate implements RunCycle.UpdateStep {
  private final UpdaterFactory factory;

  public BranchUpdate(UpdaterFactory factory) {
    this.factory = factory;
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
  public Optional<String> merge(UpdateRecord update) {
    PullRequests pulls =
        factory
            .pullRequests()
            .orElseThrow(
                () ->
                    new UserError(
                        "no GitHub token to merge "
                            + update.prUrl()
                            + ": set GITHUB_TOKEN or run 'gh auth login'"));
    Optional<PullRequest> pr = pulls.findOpen(update.branch());
    if (pr.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        // Without required checks GitHub would merge at once: only what was tested here may.
        switch (pulls.enableAutoMerge(pr.get(), testedHere(update))) {
          case MERGED -> "merged " + pr.get().url();
          case AUTO_MERGE_ENABLED -> "auto-merge enabled on " + pr.get().url();
        });
  }

  private static boolean testedHere(UpdateRecord u) {
    return u.tests() != null && !u.tests().startsWith(TestStatus.SKIPPED.id());
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

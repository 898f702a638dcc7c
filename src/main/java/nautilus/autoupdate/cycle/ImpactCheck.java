package nautilus.autoupdate.cycle;

import java.nio.file.Path;
import java.util.Optional;
import nautilus.autoupdate.UserError;
import nautilus.autoupdate.api.ApiDiffSource;
import nautilus.autoupdate.config.AutoUpdateConfig;
import nautilus.autoupdate.detect.DetectedVersion;
import nautilus.autoupdate.impact.ImpactAnalyzer;
import nautilus.autoupdate.impact.ImpactReport;
import nautilus.autoupdate.release.ReleasesMdSource;
import nautilus.autoupdate.version.Version;

/**
 * The run cycle's check step: the same {@link ImpactAnalyzer} as {@code check}, fed with the
 * RELEASES.md the {@link ReleaseNotesFetcher} found for the detected version and, like {@code
 * check}, the API diff of the pinned and the detected version.
 */
public final class ImpactCheck implements RunCycle.AnalyzeStep {
  private final ImpactAnalyzer analyzer;
  private final Path repoRoot;
  private final AutoUpdateConfig config;
  private final ApiDiffSource apiDiff;

  /** {@code apiDiff} compares the pinned and the detected version (null: the notes alone). */
  public ImpactCheck(
      ImpactAnalyzer analyzer, Path repoRoot, AutoUpdateConfig config, ApiDiffSource apiDiff) {
    this.analyzer = analyzer;
    this.repoRoot = repoRoot;
    this.config = config;
    this.apiDiff = apiDiff;
  }

  @Override
  public ImpactReport analyze(DetectedVersion target, Optional<Path> releaseNotes) {
    return analyzeAt(repoRoot, Optional.empty(), target, releaseNotes);
  }

  /**
   * The same analysis of another checkout (the update branch's worktree), from {@code from} (empty:
   * the version that checkout pins).
   */
  public ImpactReport analyzeAt(
      Path dir, Optional<Version> from, DetectedVersion target, Optional<Path> releaseNotes) {
    // Without notes the analysis would see no breaking changes and could wrongly recommend auto.
    Path notes =
        releaseNotes.orElseThrow(
            () ->
                new UserError(
                    "no release notes for "
                        + target.version()
                        + ": upstream has no RELEASES.md at its tag; set releases_md to a local"
                        + " copy to check it"));
    ImpactAnalyzer.Outcome outcome =
        analyzer.analyze(
            new ImpactAnalyzer.Request(
                dir,
                config,
                new ReleasesMdSource(notes),
                from,
                Optional.of(target.version()),
                Optional.empty(),
                apiDiff));
    return outcome
        .report()
        .orElseThrow(
            () ->
                new UserError(
                    "the pinned "
                        + config.packageName()
                        + " "
                        + outcome.current()
                        + " ("
                        + outcome.currentOrigin()
                        + ") is at or past "
                        + target.version()
                        + ": nothing to check"));
  }
}

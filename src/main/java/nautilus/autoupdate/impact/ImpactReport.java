package nautilus.autoupdate.impact;

import java.time.Instant;
import java.util.List;
import nautilus.autoupdate.notes.BreakingChange;
import nautilus.autoupdate.version.Version;

/** What an upgrade from {@code previousVersion} to {@code version} does to our code. */
public record ImpactReport(
    Version version,
    Version previousVersion,
    List<BreakingChange> breakingChanges,
    List<AffectedFile> affectedFiles,
    int totalAffectedLines,
    int confidenceScore,
    ConfidenceLevel confidenceLevel,
    boolean canAutoUpdate,
    Recommendation recommendation,
    List<Action> actions,
    Instant generatedAt) {

  public ImpactReport {
    breakingChanges = List.copyOf(breakingChanges);
    affectedFiles = List.copyOf(affectedFiles);
    actions = List.copyOf(actions);
  }
}

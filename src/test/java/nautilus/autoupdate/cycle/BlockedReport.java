package nautilus.autoupdate.cycle;

import java.util.List;
import nautilus.autoupdate.impact.Action;
import nautilus.autoupdate.impact.ImpactReport;
import nautilus.autoupdate.impact.Recommendation;
import nautilus.autoupdate.impact.TestReport;
import nautilus.autoupdate.notes.BreakingChange;
import nautilus.autoupdate.notes.ChangeKind;
import nautilus.autoupdate.version.Version;

/** The report of an upgrade that 1.223.0 blocks: it drops the Python our requires-python allows. */
final class BlockedReport {
  private BlockedReport() {}

  static ImpactReport droppedPython311(Version version, Version pin) {
    var drop =
        new BreakingChange(
            Version.parse("1.223.0"),
            "Dropped support for Python 3.11",
            ChangeKind.PLATFORM,
            null,
            List.of(),
            List.of(),
            false,
            null,
            "RELEASES.md");
    return TestReport.of(version, pin)
        .changes(List.of(drop))
        .recommendation(Recommendation.BLOCKED)
        .actions(
            List.of(
                new Action("Python 3.11 no longer supported: your requires-python says >=3.11", 0)))
        .build();
  }
}

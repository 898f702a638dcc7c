package nautilus.autoupdate.report;

import java.time.Instant;
import java.util.List;
import nautilus.autoupdate.impact.Action;
import nautilus.autoupdate.impact.AffectedFile;
import nautilus.autoupdate.impact.Certainty;
import nautilus.autoupdate.impact.ImpactReport;
import nautilus.autoupdate.impact.MatchKind;
import nautilus.autoupdate.impact.Recommendation;
import nautilus.autoupdate.impact.Severity;
import nautilus.autoupdate.impact.Site;
import nautilus.autoupdate.impact.TestReport;
import nautilus.autoupdate.notes.BreakingChange;
import nautilus.autoupdate.notes.ChangeKind;
import nautilus.autoupdate.notes.ChangeScope;
import nautilus.autoupdate.version.Version;

/** Reports built from real release-note lines for the renderer tests. */
final class Reports {
  static final String STATISTICS_NOTE =
      "Removed `nautilus_trader.analysis.statistics` subpackage - all statistics are now"
          + " implemented in Rust and must be imported from `nautilus_trader.analysis` (e.g.,"
          + " `from nautilus_trader.analysis import WinRate`)";

  private Reports() {}

  static BreakingChange change(String version, String text, ChangeKind kind, String old) {
    return new BreakingChange(
        Version.parse(version),
        text,
        kind,
        ChangeScope.PYTHON,
        List.of(old),
        List.of(),
        true,
        null,
        "releases-md");
  }

  static ImpactReport withNote(String noteText) {
    BreakingChange stats =
        change(
            "1.221.0", STATISTICS_NOTE, ChangeKind.REMOVE, "nautilus_trader.analysis.statistics");
    BreakingChange hostile = change("1.222.0", noteText, ChangeKind.RENAME, "FillModel");
    BreakingChange rust =
        new BreakingChange(
            Version.parse("1.221.0"),
            "Renamed `nautilus-cli` crate feature flag from `hypersync` to `defi`",
            ChangeKind.RENAME,
            ChangeScope.RUST,
            List.of("hypersync"),
            List.of("defi"),
            false,
            null,
            "releases-md");
    Site imp =
        new Site(
            5,
            1,
            null,
            "from nautilus_trader.analysis.statistics.win_rate import WinRate",
            MatchKind.IMPORT,
            Certainty.CERTAIN,
            0,
            "from nautilus_trader.analysis import WinRate",
            null);
    Site cell =
        new Site(
            3,
            1,
            0,
            "from nautilus_trader.analysis.statistics.sharpe_ratio import SharpeRatio",
            MatchKind.IMPORT,
            Certainty.CERTAIN,
            0,
            null,
            null);
    Site kwarg =
        new Site(
            12,
            9,
            null,
            "prob_fill_on_stop=0.95,",
            MatchKind.KWARG,
            Certainty.POSSIBLE,
            1,
            null,
            null);
    return TestReport.of("1.222.0", "1.220.0")
        .changes(List.of(stats, hostile, rust))
        .files(
            List.of(
                new AffectedFile("demo/analysis/performance.py", Severity.CRITICAL, List.of(imp)),
                new AffectedFile("demo/venues.py", Severity.HIGH, List.of(kwarg)),
                new AffectedFile("notebooks/research.ipynb", Severity.CRITICAL, List.of(cell))))
        .lines(3)
        .score(57)
        .recommendation(Recommendation.MANUAL)
        .actions(List.of(new Action("rename order_book_delta/ to order_book_deltas/", 1)))
        .generatedAt(Instant.parse("2026-11-27T00:00:00Z"))
        .build();
  }

  static ImpactReport sample() {
    return withNote("Removed `prob_fill_on_stop` parameter from `FillModel` and `FillModelConfig`");
  }
}

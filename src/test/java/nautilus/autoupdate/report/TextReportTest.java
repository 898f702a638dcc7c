package nautilus.autoupdate.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import nautilus.autoupdate.impact.ImpactReport;
import nautilus.autoupdate.impact.TestReport;
import org.junit.jupiter.api.Test;

class TextReportTest {
  @Test
  void showsEachFileLineCodeAndTheNoteThatBreaksIt() {
    String text = new TextReport(false).render(Reports.sample());
    assertThat(text)
        .startsWith("nautilus_trader 1.220.0 -> 1.222.0: 3 breaking changes, 2 reach 3 files")
        .contains("confidence 57/100 (neutral), recommendation: manual, auto-update: no")
        .contains("demo/analysis/performance.py  CRITICAL")
        .contains("  5:1  from nautilus_trader.analysis.statistics.win_rate import WinRate")
        .contains("import, certain, 1.221.0: Removed `nautilus_trader.analysis.statistics`")
        .contains("fix: from nautilus_trader.analysis import WinRate")
        .contains("cell 0, 3:1  from nautilus_trader.analysis.statistics.sharpe_ratio")
        .contains("kwarg, possible, 1.222.0: Removed `prob_fill_on_stop`")
        .contains("For a person:\n  - rename order_book_delta/ to order_book_deltas/  (1.222.0)")
        .doesNotContain("\u001b[");
    // Files keep the matcher's order; sites within a file keep theirs.
    assertThat(text.indexOf("demo/venues.py  "))
        .isLessThan(text.indexOf("notebooks/research.ipynb  "));
  }

  @Test
  void colorsOnlyWhenAsked() {
    String text = new TextReport(true).render(Reports.sample());
    assertThat(text).contains("\u001b[1m\u001b[31mCRITICAL\u001b[0m").contains("\u001b[31mmanual");
  }

  @Test
  void upstreamControlCharactersCannotReachTheTerminal() {
    String text =
        new TextReport(false).render(Reports.withNote("Renamed \u001b[2J`X`\r\nto `Y`\u0007"));
    assertThat(text)
        .doesNotContain("\u001b")
        .doesNotContain("\u0007")
        .contains("Renamed [2J`X` to `Y`");
  }

  @Test
  void saysWhenNothingIsAffected() {
    ImpactReport empty =
        TestReport.of("1.221.0", "1.220.0").score(100).generatedAt(Instant.EPOCH).build();
    assertThat(new TextReport(false).render(empty))
        .contains("0 breaking changes, 0 reach 0 files (0 lines, 0 sites)")
        .contains("No breaking change reaches this code.");
  }
}

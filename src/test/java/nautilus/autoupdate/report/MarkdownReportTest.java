package nautilus.autoupdate.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownReportTest {
  @Test
  void summaryTableThenOneDetailsSectionPerChangeThatReachesCode() {
    String md = new MarkdownReport().render(Reports.sample());
    assertThat(md)
        .startsWith("## nautilus_trader 1.220.0 → 1.222.0\n")
        .contains("| Confidence | 57/100 (neutral) |")
        .contains("| Recommendation | **manual** |")
        .contains("| Breaking changes | 3 (2 reach our code) |")
        .contains("| `demo/analysis/performance.py` | CRITICAL | 1 |")
        .contains("| `notebooks/research.ipynb` | cell 0, 3:1 |")
        .contains("1 other breaking change reaches no code of ours");
    // Two changes reach code, one does not: three collapsible sections in all, balanced.
    assertThat(md.split("<details>", -1)).hasSize(4);
    assertThat(md.split("</details>", -1)).hasSize(4);
    assertThat(md).contains("<summary>1.221.0: Removed `nautilus_trader.analysis.statistics`");
  }

  @Test
  void noteTextCannotInjectMarkupLinksHtmlOrMentions() {
    String hostile =
        "Renamed `A|B` to <script>alert(1)</script> [click](https://evil.example) **now**"
            + " thanks @someone (#3020) | x";
    String md = new MarkdownReport().render(Reports.withNote(hostile));
    String quote = md.lines().filter(l -> l.startsWith("> Renamed")).findFirst().orElseThrow();
    assertThat(quote)
        .doesNotContain("<script>")
        .doesNotContain("[click](")
        .doesNotContain("**now**")
        .doesNotContain("@someone")
        .doesNotContain("(#3020)")
        .contains("&lt;script&gt;")
        .contains("`A|B`")
        .contains("\\[click\\]")
        .contains("@\u200bsomeone");
    // The summary is an HTML block where Markdown is not parsed: HTML escaping suffices there.
    assertThat(md)
        .doesNotContain("<script>")
        .doesNotContain("@someone")
        .contains("<summary>1.222.0: Renamed `A|B` to &lt;script&gt;")
        .contains("(#\u200b3020)");
  }

  @Test
  void inlineKeepsBacktickSpansAsCode() {
    assertThat(MarkdownReport.inline("use `a_b` not a_b", false)).isEqualTo("use `a_b` not a\\_b");
    assertThat(MarkdownReport.inline("odd ` tick", false)).isEqualTo("odd \\` tick");
    assertThat(MarkdownReport.inline("``x ` y``", true)).isEqualTo("``x ` y``");
    assertThat(MarkdownReport.codeSpan("a|b", true)).isEqualTo("`a\\|b`");
    assertThat(MarkdownReport.codeSpan("`x`", false)).isEqualTo("`` `x` ``");
  }

  @Test
  void migrationBlocksAreFencedLongerThanAnyFenceInside() {
    String fenced = MarkdownReport.fenced("mv a b\n```\n<b>x</b>", "");
    assertThat(fenced).startsWith("````\nmv a b\n```\n<b>x</b>\n````\n");
  }
}

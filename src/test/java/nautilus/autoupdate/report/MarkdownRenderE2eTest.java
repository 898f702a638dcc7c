package nautilus.autoupdate.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import nautilus.autoupdate.PythonEnvs;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Renders the Markdown report with a real CommonMark renderer (markdown-it-py with GFM tables, in a
 * venv under ~/.cache/nautilus-autoupdate-test, installed from PyPI on first run) and checks the
 * HTML a browser would get: collapsible sections, tables, code, and nothing the notes injected.
 */
@Tag("e2e")
class MarkdownRenderE2eTest {
  static String toHtml(String markdown) throws Exception {
    Path python = PythonEnvs.python("venv-markdown", "markdown_it", "markdown-it-py");
    return PythonEnvs.check(
        PythonEnvs.run(
            PythonEnvs.CACHE,
            markdown,
            python.toString(),
            "-c",
            "import sys; from markdown_it import MarkdownIt;"
                + " sys.stdout.write(MarkdownIt('commonmark').enable('table')"
                + ".render(sys.stdin.read()))"));
  }

  @Test
  void rendersCollapsibleSectionsTablesAndCodeWithoutInjectedMarkup() throws Exception {
    String hostile =
        "Renamed `A|B` to <script>alert(1)</script> <img src=x onerror=alert(1)>"
            + " [click](https://evil.example) **now** thanks @someone | x";
    String html = toHtml(new MarkdownReport().render(Reports.withNote(hostile)));
    assertThat(html)
        .contains("<h2>nautilus_trader 1.220.0 → 1.222.0</h2>")
        .contains("<td>Recommendation</td>\n<td><strong>manual</strong></td>")
        .contains("<details>")
        .contains("<summary>1.221.0: Removed `nautilus_trader.analysis.statistics`")
        .contains("<code>from nautilus_trader.analysis.statistics.win_rate import WinRate</code>")
        .contains("<code>A|B</code>")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
        .doesNotContain("<script")
        .doesNotContain("<img")
        .doesNotContain("<a ")
        .doesNotContain("<strong>now</strong>")
        .doesNotContain("@someone");
    // Every site row is a table row of six cells: the pipe in the note did not split a cell.
    assertThat(html)
        .contains("<td><code>demo/venues.py</code></td>\n<td style=\"text-align:right\">12:9</td>");
    Path out = Path.of("target", "markdown-report.html");
    Files.createDirectories(out.getParent());
    Files.writeString(out, "<!doctype html><meta charset=utf-8>" + html);
  }
}

package nautilus.autoupdate.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Renders the Markdown report with a real CommonMark renderer (markdown-it-py with GFM tables, in a
 * venv under ~/.cache/nautilus-autoupdate-test, installed from PyPI on first run) and checks the
 * HTML a browser would get: collapsible sections, tables, code, and nothing the notes injected.
 */
@Tag("e2e")
class MarkdownRenderE2eTest {
  static final Path VENV =
      Path.of(
          System.getProperty("user.home"), ".cache", "nautilus-autoupdate-test", "venv-markdown");

  static String run(Path dir, String stdin, String... command) throws Exception {
    Process p =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + out).isZero();
    return out;
  }

  static Path python() throws Exception {
    Path py = VENV.resolve("bin/python");
    if (!Files.isExecutable(py) || !hasMarkdownIt(py)) {
      Files.createDirectories(VENV.getParent());
      run(VENV.getParent(), "", "python3", "-m", "venv", VENV.toString());
      run(VENV.getParent(), "", py.toString(), "-m", "pip", "install", "-q", "markdown-it-py");
    }
    return py;
  }

  private static boolean hasMarkdownIt(Path py) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(List.of(py.toString(), "-c", "import markdown_it")).start();
    return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
  }

  static String toHtml(String markdown) throws Exception {
    return run(
        VENV.getParent(),
        markdown,
        python().toString(),
        "-c",
        "import sys; from markdown_it import MarkdownIt;"
            + " sys.stdout.write(MarkdownIt('commonmark').enable('table')"
            + ".render(sys.stdin.read()))");
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

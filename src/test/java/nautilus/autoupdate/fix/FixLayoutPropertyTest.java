package nautilus.autoupdate.fix;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Random layout changes (comment lines between lines, trailing comments, CRLF, a BOM) never change
 * what the fix does: with the noise taken out again, the result equals the golden after-file.
 */
class FixLayoutPropertyTest {
  private static final String NOISE = "# layout-noise-";

  @Provide
  Arbitrary<FixCases.Case> cases() {
    return Arbitraries.of(
        FixCases.all().stream()
            .filter(FixCases.Case::isPython)
            .filter(c -> !text(c.before()).contains("\r") && !text(c.before()).startsWith("\uFEFF"))
            .toList());
  }

  @Property(tries = 80)
  void layoutNoiseNeverChangesTheEdit(
      @ForAll("cases") FixCases.Case c,
      @ForAll @Size(max = 6) List<@IntRange(min = 0, max = 400) Integer> commentLines,
      @ForAll @Size(max = 6) List<@IntRange(min = 0, max = 400) Integer> trailingComments,
      @ForAll boolean crlf,
      @ForAll boolean bom)
      throws IOException {
    List<String> lines = Notebook.splitLines(text(c.before()));
    int n = lines.size();
    boolean[] insertBefore = new boolean[n + 1];
    for (int p : commentLines) {
      int at = p % (n + 1);
      // A comment line cannot follow a backslash continuation.
      insertBefore[at] = at == 0 || !lines.get(at - 1).strip().endsWith("\\");
    }
    boolean[] trailing = new boolean[n];
    for (int t : trailingComments) {
      String line = lines.get(t % n);
      trailing[t % n] = line.endsWith("\n") && !line.strip().endsWith("\\") && !line.isBlank();
    }
    StringBuilder noisy = new StringBuilder();
    int[] shift = new int[n + 2];
    int inserted = 0;
    for (int i = 0; i <= n; i++) {
      if (insertBefore[i]) {
        noisy.append(NOISE).append(i).append('\n');
        inserted++;
      }
      shift[i + 1] = inserted;
      if (i < n) {
        String line = lines.get(i);
        noisy.append(
            trailing[i] ? line.substring(0, line.length() - 1) + "  " + NOISE + i + "\n" : line);
      }
    }
    String before = noisy.toString();
    if (crlf) {
      before = before.replace("\n", "\r\n");
    }
    if (bom) {
      before = "\uFEFF" + before;
    }
    byte[] content = before.getBytes(StandardCharsets.UTF_8);

    Path repo = Files.createTempDirectory("fix-layout");
    try {
      byte[] after =
          FixCases.after(FixCases.run(repo, c, content, line -> line + shift[line]), content);
      assertThat(denoise(text(after))).isEqualTo(text(c.after()));
      if (crlf) {
        assertThat(text(after).replace("\r\n", "")).doesNotContain("\n");
      }
    } finally {
      try (Stream<Path> s = Files.walk(repo)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static String denoise(String s) {
    String out = s.startsWith("\uFEFF") ? s.substring(1) : s;
    out = out.replace("\r\n", "\n");
    out = out.replaceAll("(?m)^# layout-noise-\\d+\n", "");
    return out.replaceAll("  # layout-noise-\\d+", "");
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}

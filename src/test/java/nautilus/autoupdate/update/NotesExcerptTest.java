package nautilus.autoupdate.update;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import nautilus.autoupdate.CliRunner;
import nautilus.autoupdate.version.Version;
import org.junit.jupiter.api.Test;

class NotesExcerptTest {
  @Test
  void breakingChangesAndDeprecationsOfTheRequestedReleaseFromTheRealReleasesMd() throws Exception {
    String md = Files.readString(CliRunner.shared().resolve("data/nautilus/RELEASES.md"));
    String ex = NotesExcerpt.fromReleasesMd(md, Version.parse("1.221.0"));
    assertThat(ex).startsWith("### Breaking Changes").doesNotContain("# NautilusTrader");
    assertThat(ex).doesNotContain("### Enhancements").doesNotContain("### Fixes");
    assertThat(NotesExcerpt.fromReleasesMd(md, Version.parse("9.9.9"))).isNull();
  }

  @Test
  void aReleaseWithoutBreakingSectionsIsQuotedWhole() {
    String md =
        "# NautilusTrader 2.0.0 Beta\n\n### Enhancements\n- faster\n# NautilusTrader 1.0.0\n- old\n";
    assertThat(NotesExcerpt.fromReleasesMd(md, Version.parse("2.0.0")))
        .isEqualTo("### Enhancements\n- faster");
    String big = "# NautilusTrader 2.0.0\n" + "y".repeat(30_000);
    assertThat(NotesExcerpt.fromReleasesMd(big, Version.parse("2.0.0")))
        .hasSize(NotesExcerpt.MAX_CHARS + 4)
        .endsWith("[…]");
  }

  @Test
  void diffsShowOnlyTheChangedLines() {
    assertThat(Diffs.unified("p.toml", "a\nb==1\nc\n", "a\nb==2\nc\n"))
        .containsExactly("--- a/p.toml", "+++ b/p.toml", "@@ -2,1 +2,1 @@", "-b==1", "+b==2");
    assertThat(Diffs.unified("p", "same", "same")).isEmpty();
  }
}

package nautilus.autoupdate.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import nautilus.autoupdate.CliRunner;
import nautilus.autoupdate.UserError;
import nautilus.autoupdate.version.Version;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleasesMdSourceTest {
  private static final Path MINI = Path.of("src/test/resources/release/mini-RELEASES.md");
  private static final Path REAL = CliRunner.shared().resolve("data/nautilus/RELEASES.md");

  @TempDir Path dir;

  @Test
  void readsEveryReleaseOfTheRealFileWithItsBreakingChanges() throws Exception {
    List<Release> releases = new ReleasesMdSource(REAL).releases();
    List<String> lines = Files.readAllLines(REAL);
    long headers = lines.stream().filter(l -> l.startsWith("# NautilusTrader ")).count();
    assertThat(releases).hasSize((int) headers).hasSize(131);
    assertThat(releases.get(0).isUnreleased()).isTrue();
    assertThat(releases.stream().skip(1).noneMatch(Release::isUnreleased)).isTrue();
    assertThat(releases.get(1).date()).contains(LocalDate.of(2026, 6, 29));
    int breaking = 0;
    for (Release r : releases) {
      for (NoteItem item : r.items(NotesSection::isBreaking)) {
        breaking++;
        // The 1-based line points at the bullet that starts the item.
        String first = item.text().split(" ")[0].replace("**", "");
        assertThat(lines.get(item.line() - 1)).startsWith("- ").contains(first);
      }
    }
    long bullets = countBreakingBullets(lines);
    assertThat(breaking).isEqualTo((int) bullets).isGreaterThan(600);
  }

  private static long countBreakingBullets(List<String> lines) {
    long n = 0;
    boolean inBreaking = false;
    for (String l : lines) {
      if (l.startsWith("#")) {
        inBreaking = l.equals("### Breaking Changes");
      } else if (inBreaking && l.startsWith("- ")) {
        n++;
      }
    }
    return n;
  }

  @Test
  void joinsContinuationAndNestedLinesAndKeepsTheFencedMigration() {
    List<Release> releases = new ReleasesMdSource(MINI).releases();
    Release r = releases.get(1);
    assertThat(r.version()).isEqualTo(Version.parse("1.222.0"));
    assertThat(r.date()).contains(LocalDate.of(2026, 1, 10));
    List<NoteItem> items = r.items(NotesSection::isBreaking);
    assertThat(items).hasSize(3);
    assertThat(items.get(1).text())
        .isEqualTo(
            "Removed `prob_fill_on_stop` parameter from `FillModel` and `FillModelConfig` (stop"
                + " orders have no queue position)");
    assertThat(items.get(1).line()).isEqualTo(19);
    NoteItem nested = items.get(2);
    assertThat(nested.text())
        .contains(
            "plural names; `order_book_delta/` -> `order_book_deltas/`; `order_book_depth10/`")
        .contains("**Migration**: Rename existing data directories:");
    assertThat(nested.migration()).isEqualTo("mv data/order_book_delta data/order_book_deltas\n");
    assertThat(r.items(NotesSection::isDeprecations)).hasSize(1);
    assertThat(r.sections())
        .extracting(NotesSection::title)
        .containsExactly("Enhancements", "Breaking Changes", "Deprecations");
  }

  @Test
  void tbdIsUnreleasedAndMissingOrYearlessDatesComeFromTheNewerRelease() {
    List<Release> releases = new ReleasesMdSource(MINI).releases();
    assertThat(releases)
        .extracting(r -> r.version().toString())
        .containsExactly("1.223.0", "1.222.0", "1.221.0", "1.220.0", "1.219.0");
    assertThat(releases.get(0).isUnreleased()).isTrue();
    // "2nd December" without a year: the December before 10th January 2026.
    assertThat(releases.get(2).date()).contains(LocalDate.of(2025, 12, 2));
    // No date line at all: bounded by the newer release; "None" is not an item.
    assertThat(releases.get(3).date()).contains(LocalDate.of(2025, 12, 2));
    assertThat(releases.get(3).items(NotesSection::isBreaking)).isEmpty();
    assertThat(releases.get(4).date()).contains(LocalDate.of(2025, 9, 15));
  }

  @Test
  void parseNamesTheSourceOfFetchedText() {
    List<Release> releases =
        ReleasesMdSource.parse("# NautilusTrader 1.2.0 Beta\n\n### Breaking Changes\n- x\n", "url");
    assertThat(releases).singleElement().satisfies(r -> assertThat(r.source()).isEqualTo("url"));
  }

  @Test
  void malformedInputIsAUserErrorNamingFileAndLine() throws Exception {
    assertError("just text\n- and a bullet\n", "no release headers found");
    assertError("# NautilusTrader 1.x.y Beta\n", "x.md:1: bad version '1.x.y'");
    assertError("# NautilusTrader 1.2.0 Beta\n\n# Something else\n", "x.md:3: unexpected header");
    assertError(
        "# NautilusTrader 1.2.0 Beta\n### Breaking Changes\n- a\n  ```bash\n  echo\n",
        "x.md:4: unterminated code fence");
    assertError("# NautilusTrader 1.2.0 Beta\nReleased on someday (UTC).\n", "x.md:2: cannot read");
    assertError(
        "# NautilusTrader 1.2.0 Beta\nReleased on 31st February 2025.\n", "x.md:2: invalid");
    assertThatThrownBy(() -> new ReleasesMdSource(dir.resolve("missing.md")).releases())
        .isInstanceOf(UserError.class)
        .hasMessageContaining("missing.md: file not found");
  }

  private void assertError(String text, String message) throws Exception {
    Path file = dir.resolve("x.md");
    Files.writeString(file, text);
    ReleasesMdSource source = new ReleasesMdSource(file);
    assertThat(source.describe()).isEqualTo(file.toString());
    assertThatThrownBy(source::releases)
        .isInstanceOf(UserError.class)
        .hasMessageContaining(message);
  }

  @org.junit.jupiter.api.Test
  void aReleaseCutOffBeforeItsClosingRuleHasAGapTheOthersNone() {
    String md =
        "# NautilusTrader 2.0.0 Beta\n\nReleased on 1st May 2026 (UTC).\n\n"
            + "### Breaking Changes\n- Removed `a`\n\n---\n\n"
            + "# NautilusTrader 1.9.0 Beta\n\nReleased on 1st April 2026 (UTC).\n\n"
            + "### Breaking Changes\n- Removed `b` but the file end";
    List<Release> rs = ReleasesMdSource.parse(md, "RELEASES.md");
    assertThat(rs.get(0).gaps()).isEmpty();
    assertThat(rs.get(1).gaps())
        .containsExactly(
            "RELEASES.md:10: the 1.9.0 section has no closing '---': the notes may be cut off");
    // A file that closes no release with a rule gives no gap at all.
    assertThat(ReleasesMdSource.parse(md.replace("---", ""), "x").get(1).gaps()).isEmpty();
  }
}

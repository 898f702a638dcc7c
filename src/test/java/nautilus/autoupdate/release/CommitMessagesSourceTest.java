package nautilus.autoupdate.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nautilus.autoupdate.CliRunner;
import nautilus.autoupdate.UserError;
import nautilus.autoupdate.version.Version;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommitMessagesSourceTest {
  @TempDir Path dir;

  @Test
  void markedLinesOfTheRealCommitsBecomeItemsOfTheGivenVersion() {
    Path file = CliRunner.shared().resolve("data/nautilus/breaking-commits.jsonl");
    CommitMessagesSource source = CommitMessagesSource.fromJsonl(file, Version.parse("1.223.0"));
    Release r = source.releases().get(0);
    assertThat(r.version()).isEqualTo(Version.parse("1.223.0"));
    assertThat(r.isUnreleased()).isTrue();
    List<String> texts = r.items(NotesSection::isBreaking).stream().map(NoteItem::text).toList();
    assertThat(texts)
        .contains(
            "Renamed `parse_instrument` to `parse_polymarket_instrument`",
            "Consolidate `backtest.exchange` into `backtest.engine`",
            "Renamed `BinanceAccountType.USDT_FUTURE` to `USDT_FUTURES`",
            "Bar specifications with invalid steps for time-based aggregations will now raise"
                + " ValueError on construction.")
        .doesNotHaveDuplicates()
        .noneMatch(t -> t.contains("non-breaking hyphens"));
    assertThat(source.describe()).isEqualTo(file.toString());
  }

  @Test
  void headersTakeTheirBulletsOrParagraph() {
    assertThat(
            BreakingLines.extract(
                "Title\n\nBREAKING CHANGE:\n- Renamed `a` to `b`\n  (wrapped)\n- Removed `c`\n\nOther"))
        .containsExactly("Renamed `a` to `b` (wrapped)", "Removed `c`");
    assertThat(BreakingLines.extract("x\n- BREAKING: Removed `vip_level`\n- Fixed y"))
        .containsExactly("Removed `vip_level`");
    assertThat(BreakingLines.extract("breaking things, but no marker")).isEmpty();
    assertThat(BreakingLines.extract(null)).isEmpty();
  }

  @Test
  void aMalformedLineIsAUserErrorWithItsLineNumber() throws Exception {
    Path file = dir.resolve("c.jsonl");
    Files.writeString(file, "{\"message\": \"BREAKING: x\"}\n\n{oops\n");
    assertThatThrownBy(() -> CommitMessagesSource.readJsonl(file))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("c.jsonl:3: malformed JSON");
    Files.writeString(file, "{\"title\": \"no message\"}\n");
    assertThatThrownBy(() -> CommitMessagesSource.readJsonl(file))
        .hasMessageContaining("c.jsonl:1: expected an object with a string 'message'");
    assertThatThrownBy(() -> CommitMessagesSource.readJsonl(dir.resolve("none.jsonl")))
        .hasMessageContaining("file not found");
  }
}

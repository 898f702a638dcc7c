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

class ChangelogJsonSourceTest {
  @TempDir Path dir;

  @Test
  void theStableVersionGetsTheMarkedLinesOfEachCommit() {
    Path file = CliRunner.shared().resolve("data/n8n-changelog/changelog-2025-11-22.json");
    Release r = new ChangelogJsonSource(file).releases().get(0);
    assertThat(r.version()).isEqualTo(Version.parse("1.221.0"));
    assertThat(r.date()).contains(LocalDate.of(2025, 11, 22));
    assertThat(r.items(NotesSection::isBreaking))
        .extracting(NoteItem::text)
        .contains(
            "Renamed enable_buys to enable_limit_buys",
            "Renamed enable_sells to enable_limit_sells");
  }

  @Test
  void stringEntriesAreItemsAndUnmarkedCommitsGiveTheirTitle() throws Exception {
    Path file = dir.resolve("c.json");
    Files.writeString(
        file,
        "{\"timestamp\": \"2026-02-03T04:05:06.000Z\", \"stable_version\": \"v1.223.0\","
            + " \"breaking_changes\": [\"Renamed `A` to `B`\", {\"title\": \"Pin uvloop\","
            + " \"message\": \"Pin uvloop\\n\\nPin uvloop due breaking loop semantics.\"}]}");
    List<Release> releases = new ChangelogJsonSource(file).releases();
    assertThat(releases.get(0).items(NotesSection::isBreaking))
        .extracting(NoteItem::text)
        .containsExactly("Renamed `A` to `B`", "Pin uvloop");
    assertThat(releases.get(0).date()).contains(LocalDate.of(2026, 2, 3));
  }

  @Test
  void aBadStableVersionIsAUserError() throws Exception {
    Path file = dir.resolve("c.json");
    Files.writeString(file, "{\"stable_version\": \"latest\"}");
    assertThatThrownBy(() -> new ChangelogJsonSource(file).releases())
        .isInstanceOf(UserError.class)
        .hasMessageContaining("'stable_version' is not a version: 'latest'");
    Files.writeString(file, "{}");
    assertThatThrownBy(() -> new ChangelogJsonSource(file).releases())
        .hasMessageContaining("missing 'stable_version'");
    assertThat(new ChangelogJsonSource(file).describe()).isEqualTo(file.toString());
  }
}

package nautilus.autoupdate.notes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import nautilus.autoupdate.CliRunner;
import nautilus.autoupdate.Json;
import nautilus.autoupdate.release.NoteItem;
import nautilus.autoupdate.version.Version;
import org.junit.jupiter.api.Test;

/**
 * The accuracy gate on the hand-labeled lines. {@code -Dlabels=FILE} scores another labels file
 * (bench/score-notes.sh uses it for the hidden set).
 */
class NotesParserGoldTest {

  @Test
  void meetsTheThresholdsOnTheLabeledLines() throws Exception {
    String other = System.getProperty("labels");
    Path labels =
        other == null || other.isBlank()
            ? CliRunner.shared().resolve("labels/dev_gold.json")
            : Path.of(other);
    NotesScore score = NotesScore.of(labels);
    System.out.println("NotesParser on " + labels + ":");
    score.print(System.out, Boolean.getBoolean("details"));
    assertThat(score.kindAccuracy()).as("kind accuracy").isGreaterThanOrEqualTo(0.90);
    assertThat(score.scopeAccuracy()).as("scope accuracy").isGreaterThanOrEqualTo(0.90);
    assertThat(score.oldF1()).as("old-identifier F1").isGreaterThanOrEqualTo(0.90);
  }

  /**
   * A type-only note is a review item, never a break: on the labeled lines that must lose no real
   * break. No line labeled a rename, move or removal (a name goes) is read as one; Python lines
   * labeled a type change are.
   */
  @Test
  void typeOnlyNotesLoseNoLabeledRenameMoveOrRemoval() throws Exception {
    JsonNode root =
        Json.mapper()
            .readTree(Files.readString(CliRunner.shared().resolve("labels/dev_gold.json")));
    NotesParser parser = new NotesParser();
    List<String> lost = new ArrayList<>();
    List<String> typesReviewed = new ArrayList<>();
    for (JsonNode line : root) {
      BreakingChange c =
          parser.parseItem(
              Version.parse(line.path("version").asText()),
              new NoteItem(line.path("text").asText(), null, 0),
              "releases-md");
      String kind = line.path("kind").asText();
      if (Set.of("rename", "move", "remove").contains(kind)
          && NotesParser.isReview(c)
          && NotesParser.changesTypeOnly(c)) {
        lost.add(line.path("id").asText());
      }
      if (kind.equals("type")
          && line.path("scope").asText().equals("python")
          && NotesParser.isReview(c)) {
        typesReviewed.add(line.path("id").asText());
      }
    }
    assertThat(lost).isEmpty();
    assertThat(typesReviewed).isNotEmpty();
  }
}

package nautilus.autoupdate.notes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import nautilus.autoupdate.CliRunner;
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
}

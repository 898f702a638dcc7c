package nautilus.autoupdate.notes;

import static org.assertj.core.api.Assertions.assertThat;

import nautilus.autoupdate.release.NoteItem;
import nautilus.autoupdate.version.Version;
import org.junit.jupiter.api.Test;

class NotesParserRegressionTest {
  @Test
  void anItemThatStartsWithASeparatorStillParses() {
    BreakingChange c =
        new NotesParser()
            .parseItem(
                Version.parse("1.221.0"),
                new NoteItem(
                    ";(Removed `prob_fill_on_stop` parameter from `FillModel` and `FillModelConfig`",
                    null,
                    1),
                "test");
    assertThat(c.text()).contains("prob_fill_on_stop");
  }
}

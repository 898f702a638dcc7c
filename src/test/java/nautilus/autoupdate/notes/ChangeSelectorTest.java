package nautilus.autoupdate.notes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import nautilus.autoupdate.UserError;
import nautilus.autoupdate.release.Release;
import nautilus.autoupdate.release.ReleasesMdSource;
import nautilus.autoupdate.version.ReleaseRange;
import nautilus.autoupdate.version.Version;
import org.junit.jupiter.api.Test;

class ChangeSelectorTest {
  private static final List<Release> MINI =
      new ReleasesMdSource(Path.of("src/test/resources/release/mini-RELEASES.md")).releases();
  private final ChangeSelector selector = new ChangeSelector(new NotesParser());

  private List<String> versions(String from, String to, boolean pythonOnly) {
    return selector
        .select(MINI, new ReleaseRange(Version.parse(from), Version.parse(to)), pythonOnly)
        .stream()
        .map(c -> c.version() + " " + c.old())
        .toList();
  }

  @Test
  void takesEveryReleaseAfterFromUpToToInVersionThenNotesOrder() {
    assertThat(versions("1.219.0", "1.222.0", false))
        .containsExactly(
            "1.221.0 [start]",
            "1.222.0 [ExecTesterConfig.enable_buys]",
            "1.222.0 [FillModel.prob_fill_on_stop, FillModelConfig.prob_fill_on_stop]",
            "1.222.0 []",
            "1.222.0 [Portfolio.set_specific_venue]");
  }

  @Test
  void aNightlyTargetIncludesItsBaseReleaseIncludingTheTbdSection() {
    assertThat(versions("1.222.0", "1.223.0a20260101", false))
        .containsExactly("1.223.0 [OldThing]");
    assertThat(versions("1.222.0", "1.223.0.dev20260101+12", false))
        .containsExactly("1.223.0 [OldThing]");
    // A .dev0 start has not seen its release's changes yet.
    assertThat(versions("1.222.0.dev0", "1.222.0", false)).hasSize(4);
  }

  @Test
  void pythonOnlyDropsRustAndDataChanges() {
    List<String> python = versions("1.219.0", "1.222.0", true);
    assertThat(python).doesNotContain("1.221.0 [start]", "1.222.0 []").hasSize(3);
  }

  @Test
  void unknownVersionsAndEmptyRangesAreUserErrors() {
    assertThatThrownBy(() -> versions("1.222.0", "1.219.0", false))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("empty version range");
    assertThatThrownBy(() -> versions("9.0.0", "9.1.0", false))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("unknown version 9.0.0");
    assertThatThrownBy(() -> versions("1.219.0", "1.300.0", false))
        .hasMessageContaining("unknown version 1.300.0 (--to)");
    // A start older than the notes' history is fine.
    assertThat(versions("1.0.0", "1.219.0", false)).hasSize(1);
    assertThatThrownBy(
            () ->
                selector.select(
                    List.of(), new ReleaseRange(Version.parse("1.0"), Version.parse("1.1")), false))
        .hasMessageContaining("no releases");
  }
}

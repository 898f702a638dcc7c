package nautilus.autoupdate.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which release-note sections belong to an upgrade (V1, V2]. */
class ReleaseRangeTest {
  private static final List<String> RELEASES =
      List.of("1.140.0", "1.141.0", "1.219.0", "1.220.0", "1.221.0", "1.222.0", "1.225.0");

  private static List<String> included(String from, String to) {
    ReleaseRange r = new ReleaseRange(Version.parse(from), Version.parse(to));
    return RELEASES.stream().filter(v -> r.includes(Version.parse(v))).toList();
  }

  @ParameterizedTest(name = "({0}, {1}] -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "1.219.0|1.222.0|1.220.0 1.221.0 1.222.0",
        "1.220.0|1.221.0|1.221.0",
        "1.222.0|1.225.0a20260323|1.225.0",
        "1.222.0|1.225.0.dev20260320+123|1.225.0",
        "1.222.0|1.225.0rc1|1.225.0",
        "1.141.0.dev0|1.141.0|1.141.0",
        "1.140.0|1.141.0.dev0|1.141.0",
        "v1.219.0|1.220.0+local|1.220.0",
        "1.221.0|1.221.0|''",
        "1.222.0|1.221.0|''",
      })
  void includes(String from, String to, String expected) {
    List<String> want = expected.isBlank() ? List.of() : List.of(expected.split(" "));
    assertThat(included(from, to)).containsExactlyElementsOf(want);
  }

  @Test
  void emptinessAndUpperNotesVersion() {
    assertThat(new ReleaseRange(Version.parse("1.221.0"), Version.parse("1.221.0")).isEmpty())
        .isTrue();
    assertThat(new ReleaseRange(Version.parse("1.222.0"), Version.parse("1.221.0")).isEmpty())
        .isTrue();
    ReleaseRange nightly =
        new ReleaseRange(Version.parse("1.221.0"), Version.parse("1.222.0a20251229"));
    assertThat(nightly.isEmpty()).isFalse();
    assertThat(nightly.upperNotesVersion()).isEqualTo(Version.parse("1.222.0"));
    assertThat(nightly).hasToString("(1.221.0, 1.222.0a20251229]");
    assertThat(
            new ReleaseRange(Version.parse("1.222.0a20251229"), Version.parse("1.222.0a20251230"))
                .isEmpty())
        .as("between two nightlies of the same release the release's section is pending")
        .isFalse();
  }

  /** For each release of the range, the word saying why its notes partly apply, or "whole". */
  private static List<String> partly(String from, String to) {
    ReleaseRange r = new ReleaseRange(Version.parse(from), Version.parse(to));
    return RELEASES.stream()
        .filter(v -> r.includes(Version.parse(v)))
        .map(v -> v + ":" + r.partly(Version.parse(v)).map(w -> w.split(" ")[10]).orElse("whole"))
        .toList();
  }

  @ParameterizedTest(name = "({0}, {1}] -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        // Inside one cycle: the section lists what the start already holds.
        "1.222.0a20251210|1.222.0a20251229|1.222.0:nightly",
        "1.222.0a20251210|1.222.0|1.222.0:nightly",
        "1.222.0rc1|1.222.0|1.222.0:pre-release",
        "1.222.0.dev20251201+7001|1.222.0a20251229|1.222.0:develop",
        // Across cycles only the start's own release is partial; later ones apply whole.
        "1.222.0a20251210|1.225.0a20260323|1.222.0:nightly 1.225.0:whole",
        // A final start, or a .dev0 that precedes its cycle, takes every section whole.
        "1.221.0|1.222.0a20251229|1.222.0:whole",
        "1.141.0.dev0|1.141.0|1.141.0:whole",
      })
  void aSectionOfTheStartsOwnCycleOnlyPartlyApplies(String from, String to, String expected) {
    assertThat(partly(from, to)).containsExactly(expected.split(" "));
  }

  @Test
  void thePartialReasonNamesTheReleaseAndTheStart() {
    ReleaseRange r =
        new ReleaseRange(Version.parse("1.222.0a20251210"), Version.parse("1.222.0a20251229"));
    assertThat(r.partly(Version.parse("1.222.0")))
        .hasValue(
            "notes of 1.222.0 only partly apply: from 1.222.0a20251210 is a nightly of that"
                + " release (what changed before it is already in it)");
    assertThat(r.partly(Version.parse("1.221.0"))).as("not in the range").isEmpty();
  }

  @Test
  void bothEndsAreRequired() {
    assertThatThrownBy(() -> new ReleaseRange(null, Version.parse("1.0")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ReleaseRange(Version.parse("1.0"), null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

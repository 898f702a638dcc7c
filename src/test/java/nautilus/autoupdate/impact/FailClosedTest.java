package nautilus.autoupdate.impact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import nautilus.autoupdate.code.UnreadFile;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class FailClosedTest {
  private static final ApiDiffSummary USED =
      new ApiDiffSummary(true, 0, 0, List.of(), List.of(), null, List.of(), Map.of());

  @Property
  void aCapNeverRaisesARecommendation(
      @ForAll Recommendation rec, @ForAll List<Recommendation> caps) {
    List<FailClosed.Cap> cs = caps.stream().map(c -> new FailClosed.Cap(c, "why")).toList();
    Recommendation out = FailClosed.apply(rec, cs);
    assertThat(out).isGreaterThanOrEqualTo(rec);
    caps.forEach(c -> assertThat(out).isGreaterThanOrEqualTo(c));
  }

  @Test
  void onlyUnreadFilesThatMayUseThePackageCapAtManual() {
    List<UnreadFile> unread = new java.util.ArrayList<>();
    unread.add(new UnreadFile("data/big.json", "larger than 5 MB (6 MB): not read", false));
    assertThat(FailClosed.caps(new FailClosed.Gaps("pkg", unread, List.of(), true, USED)))
        .isEmpty();
    for (int i = 0; i < 7; i++) {
      unread.add(new UnreadFile("f" + i + ".py", "cannot read: permission denied", true));
    }
    List<FailClosed.Cap> caps =
        FailClosed.caps(new FailClosed.Gaps("pkg", unread, List.of(), true, USED));
    assertThat(caps)
        .singleElement()
        .extracting(FailClosed.Cap::line)
        .asString()
        .isEqualTo(
            "manual: 7 files or folders that may use pkg could not be read in full:"
                + " f0.py, f1.py, f2.py, f3.py, f4.py and 2 more");
  }

  @Test
  void incompleteNotesNoBreakingSectionAndNoApiDiffEachCapAtDelayed() {
    List<FailClosed.Cap> caps =
        FailClosed.caps(
            new FailClosed.Gaps(
                "pkg",
                List.of(),
                List.of("RELEASES.md:3: the 2.0 section has no closing '---'"),
                false,
                new ApiDiffSummary(
                    false, 0, 0, List.of(), List.of(), "--no-api-diff", List.of(), Map.of())));
    assertThat(caps)
        .extracting(FailClosed.Cap::line)
        .containsExactly(
            "delayed: RELEASES.md:3: the 2.0 section has no closing '---'",
            "delayed: the release notes in range say nothing of breaking changes (no such section)",
            "delayed: no API diff: --no-api-diff");
    assertThat(FailClosed.caps(new FailClosed.Gaps("pkg", List.of(), List.of(), true, null)))
        .extracting(FailClosed.Cap::line)
        .containsExactly("delayed: no API diff: the verdict rests on the release notes alone");
  }
}

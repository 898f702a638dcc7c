package nautilus.autoupdate.impact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import nautilus.autoupdate.notes.BreakingChange;
import nautilus.autoupdate.notes.ChangeKind;
import nautilus.autoupdate.notes.ChangeScope;
import nautilus.autoupdate.version.Version;
import org.junit.jupiter.api.Test;

class ScopedReviewsTest {
  static BreakingChange note(String text) {
    return new BreakingChange(
        Version.parse("1.223.0"),
        text,
        ChangeKind.RENAME,
        ChangeScope.PYTHON,
        List.of("InstrumentProviderConfig"),
        List.of("PolymarketInstrumentProviderConfig"),
        true,
        null,
        "releases-md");
  }

  static final String CODE = "    instrument_provider=InstrumentProviderConfig(load_all=True),";

  static ImpactMatcher.MatchResult found(int change) {
    Site s = new Site(7, 25, null, CODE, MatchKind.NAME, Certainty.POSSIBLE, change, null, null);
    return new ImpactMatcher.MatchResult(
        List.of(new AffectedFile("live/config.py", Severity.CRITICAL, List.of(s))),
        List.of(),
        List.of());
  }

  @Test
  void aClearedSiteOfAnAdapterScopedNoteBecomesAReviewItemWithItsCode() {
    List<BreakingChange> changes =
        List.of(
            note(
                "Changed Polymarket data client config: use `PolymarketInstrumentProviderConfig`"
                    + " instead of `InstrumentProviderConfig`"));
    var cleared = List.of(new ApiDiffSummary.Cleared("live/config.py", 7, null, 0, "same"));
    List<Review> out = ScopedReviews.add(List.of(), cleared, found(0), changes);
    assertThat(out)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.change()).isZero();
              assertThat(r.name()).isEqualTo("InstrumentProviderConfig");
              assertThat(r.uses()).containsExactly(new Review.Use("live/config.py", 7, null, CODE));
            });
  }

  @Test
  void aClearedSiteOfAnUnscopedNoteStaysCleared() {
    List<BreakingChange> changes =
        List.of(note("Renamed `InstrumentProviderConfig` to `PolymarketInstrumentProviderConfig`"));
    var cleared = List.of(new ApiDiffSummary.Cleared("live/config.py", 7, null, 0, "same"));
    Review kept = new Review(3, "Price", List.of());
    assertThat(ScopedReviews.add(List.of(kept), cleared, found(0), changes)).containsExactly(kept);
  }

  @Test
  void aClearedSiteOfADeprecationBecomesAReviewItem() {
    List<BreakingChange> changes =
        List.of(
            note(
                "Deprecated `InstrumentProviderConfig`; use `PolymarketInstrumentProviderConfig`"));
    var cleared = List.of(new ApiDiffSummary.Cleared("live/config.py", 7, null, 0, "same"));
    assertThat(ScopedReviews.add(List.of(), cleared, found(0), changes))
        .singleElement()
        .extracting(Review::uses)
        .isEqualTo(List.of(new Review.Use("live/config.py", 7, null, CODE)));
  }
}

package nautilus.autoupdate.impact;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import nautilus.autoupdate.notes.BreakingChange;
import nautilus.autoupdate.notes.OwnerScope;

/**
 * A site of an adapter-scoped note that resolves the same on both models is no API break, but the
 * note is still about that adapter's own code ("use `PolymarketInstrumentProviderConfig` instead of
 * `InstrumentProviderConfig`" on a Polymarket client's config): a field's type or a behavior the
 * model does not record. Such a site goes to the review items instead of disappearing; an unscoped
 * note's cleared site stays cleared (the model's veto).
 */
final class ScopedReviews {
  private ScopedReviews() {}

  static List<Review> add(
      List<Review> reviews,
      List<ApiDiffSummary.Cleared> cleared,
      ImpactMatcher.MatchResult judged,
      List<BreakingChange> changes) {
    return add(reviews, cleared, judged, changes, false);
  }

  /**
   * As {@link #add(List, List, ImpactMatcher.MatchResult, List)}; with {@code everyNote}, the
   * cleared sites of every note become review items, scoped or not: sites cleared on the target's
   * model alone ({@link ModelJudge#judgeOnTarget}) are not shown to be the same on both versions.
   */
  static List<Review> add(
      List<Review> reviews,
      List<ApiDiffSummary.Cleared> cleared,
      ImpactMatcher.MatchResult judged,
      List<BreakingChange> changes,
      boolean everyNote) {
    Map<String, Site> sites = new HashMap<>();
    for (AffectedFile f : judged.affectedFiles()) {
      for (Site s : f.sites()) {
        sites.put(key(f.path(), s.line(), s.cell(), s.change()), s);
      }
    }
    Map<Integer, List<Review.Use>> uses = new LinkedHashMap<>();
    for (ApiDiffSummary.Cleared c : cleared) {
      if (c.change() < 0
          || c.change() >= changes.size()
          || (!everyNote && OwnerScope.of(changes.get(c.change())).isEmpty())) {
        continue;
      }
      Site s = sites.get(key(c.path(), c.line(), c.cell(), c.change()));
      String code = s == null ? "" : s.code();
      uses.computeIfAbsent(c.change(), k -> new ArrayList<>())
          .add(new Review.Use(c.path(), c.line(), c.cell(), code));
    }
    if (uses.isEmpty()) {
      return reviews;
    }
    List<Review> out = new ArrayList<>(reviews);
    uses.forEach(
        (change, at) -> {
          List<String> old = changes.get(change).old();
          out.add(new Review(change, old.isEmpty() ? "" : old.get(0), at));
        });
    return out;
  }

  private static String key(String path, int line, Integer cell, int change) {
    return path + "#" + Objects.toString(cell, "") + ":" + line + ":" + change;
  }
}

package nautilus.autoupdate.impact;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import nautilus.autoupdate.notes.BreakingChange;
import nautilus.autoupdate.notes.NotesParser;
import nautilus.autoupdate.notes.OwnerScope;

/**
 * A site of an adapter-scoped note that resolves the same on both models is no API break, but the
 * note is still about that adapter's own code ("use `PolymarketInstrumentProviderConfig` instead of
 * `InstrumentProviderConfig`" on a Polymarket client's config): a field's type or a behavior the
 * model does not record. Such a site goes to the review items instead of disappearing, and so does
 * a deprecation's (it still works, and warns); any other unscoped note's cleared site stays cleared
 * (the model's veto).
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
          || (!everyNote
              && OwnerScope.of(changes.get(c.change())).isEmpty()
              && !deprecation(changes.get(c.change())))) {
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

  /** A deprecated use still works on the target, so it is not a break, but it warns: review it. */
  private static boolean deprecation(BreakingChange c) {
    return c.text() != null && c.text().toLowerCase(java.util.Locale.ROOT).contains("deprecat");
  }

  /**
   * The review items without the uses of a type-only note ({@link NotesParser#changesTypeOnly}) on
   * a line that a site already lists: there a model proved the break (a keyword whose type no
   * longer fits, a member gone), and the line is a break, not also a thing to review. An item left
   * with no use goes.
   */
  static List<Review> withoutSites(
      List<Review> reviews, ImpactMatcher.MatchResult found, List<BreakingChange> changes) {
    Set<String> lines = new HashSet<>();
    for (AffectedFile f : found.affectedFiles()) {
      for (Site s : f.sites()) {
        lines.add(f.path() + "#" + Objects.toString(s.cell(), "") + ":" + s.line());
      }
    }
    if (lines.isEmpty()) {
      return reviews;
    }
    List<Review> out = new ArrayList<>();
    for (Review r : reviews) {
      if (r.change() < 0
          || r.change() >= changes.size()
          || !NotesParser.changesTypeOnly(changes.get(r.change()))) {
        out.add(r);
        continue;
      }
      List<Review.Use> left =
          r.uses().stream()
              .filter(
                  u ->
                      !lines.contains(
                          u.path() + "#" + Objects.toString(u.cell(), "") + ":" + u.line()))
              .toList();
      if (!left.isEmpty()) {
        out.add(
            left.size() == r.uses().size() ? r : new Review(r.change(), r.name(), left, r.why()));
      }
    }
    return out;
  }

  private static String key(String path, int line, Integer cell, int change) {
    return path + "#" + Objects.toString(cell, "") + ":" + line + ":" + change;
  }
}

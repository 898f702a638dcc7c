package nautilus.autoupdate.impact;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nautilus.autoupdate.notes.BreakingChange;
import nautilus.autoupdate.version.ReleaseRange;

/**
 * The sites of notes from a release whose section only partly belongs to the upgrade ({@link
 * ReleaseRange#partly}: {@code from} is a nightly or pre-release of it) become review items. Such a
 * section lists the whole cycle's changes, and the ones made before {@code from} are already in our
 * version: the notes alone cannot tell a break from a change our code has lived with. A site the
 * API diff confirms (its evidence, from the models of both versions) stays a break; the diff's own
 * sites are never touched.
 */
final class PartialNotes {
  private PartialNotes() {}

  /** The matches without the demoted sites, and those sites as review items, by change. */
  record Split(ImpactMatcher.MatchResult found, List<Review> reviews) {}

  static Split split(
      ImpactMatcher.MatchResult found,
      int noteChanges,
      List<BreakingChange> changes,
      ReleaseRange range) {
    Map<Integer, String> why = new LinkedHashMap<>();
    for (int i = 0; i < noteChanges && i < changes.size(); i++) {
      Optional<String> partly = range.partly(changes.get(i).version());
      if (partly.isPresent()) {
        why.put(i, partly.get());
      }
    }
    if (why.isEmpty()) {
      return new Split(found, List.of());
    }
    Map<Integer, List<Review.Use>> uses = new LinkedHashMap<>();
    List<AffectedFile> files = new ArrayList<>();
    for (AffectedFile f : found.affectedFiles()) {
      List<Site> kept = new ArrayList<>();
      for (Site s : f.sites()) {
        if (why.containsKey(s.change()) && s.evidence() == null) {
          uses.computeIfAbsent(s.change(), k -> new ArrayList<>())
              .add(new Review.Use(f.path(), s.line(), s.cell(), s.code()));
        } else {
          kept.add(s);
        }
      }
      if (kept.size() == f.sites().size()) {
        files.add(f);
      } else if (!kept.isEmpty()) {
        files.add(new AffectedFile(f.path(), f.severity(), kept));
      }
    }
    List<Review> reviews = new ArrayList<>();
    uses.forEach(
        (change, at) -> {
          List<String> old = changes.get(change).old();
          reviews.add(new Review(change, old.isEmpty() ? "" : old.get(0), at, why.get(change)));
        });
    return new Split(
        new ImpactMatcher.MatchResult(files, found.actions(), found.reviews()), reviews);
  }
}

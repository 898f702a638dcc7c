package nautilus.autoupdate.impact;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nautilus.autoupdate.api.ApiModel;
import nautilus.autoupdate.api.ApiModel.Fit;
import nautilus.autoupdate.api.ApiModel.Found;
import nautilus.autoupdate.api.ApiSnapshot;
import nautilus.autoupdate.code.CodeBase;
import nautilus.autoupdate.code.FileUses;
import nautilus.autoupdate.code.Kwarg;
import nautilus.autoupdate.code.Location;
import nautilus.autoupdate.code.Use;
import nautilus.autoupdate.code.UseKind;
import nautilus.autoupdate.notes.BreakingChange;
import nautilus.autoupdate.notes.ChangeKind;
import nautilus.autoupdate.notes.ChangeScope;
import nautilus.autoupdate.version.Version;

/**
 * Breaks the two models prove by declared types: a keyword passed to a callable (a config struct's
 * field, an annotated parameter) whose type differs between the old and the new version, with a
 * value our code shows the class of ({@code instrument_config=InstrumentProviderConfig(...)}, or a
 * name annotated or assigned from one). The value fits the old type and not the new one (not that
 * class nor a subclass in the new model): a certain site, with both types as evidence. When the
 * value's class is not known, or the model cannot tell whether it fits, the keyword is a review
 * item, never a site. A value that fits the new type is no finding.
 */
final class FieldTypes {
  private FieldTypes() {}

  /** The changes with one appended per changed field that reached our code, sites and reviews. */
  record Judged(
      List<BreakingChange> changes, ImpactMatcher.MatchResult found, List<Review> reviews) {}

  /**
   * Every keyword of the package whose declared type changed (and does not merely widen), as a
   * change the scan's interest can read ({@code Owner.keyword}): a file that never names such a
   * keyword cannot hold one of these breaks, and the focused scan keeps the calls that pass it.
   */
  static List<BreakingChange> interest(ApiModel old, ApiModel neu) {
    List<BreakingChange> out = new ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (ApiSnapshot.ModuleApi m : neu.snapshot().modules().values()) {
      for (ApiSnapshot.ApiObject o : m.names().values()) {
        List<String> callables = new ArrayList<>();
        switch (o.kind()) {
          case CLASS -> {
            callables.add(m.name() + "." + o.name());
            o.members().values().stream()
                .filter(x -> x.kind() == ApiSnapshot.MemberKind.METHOD)
                .forEach(x -> callables.add(m.name() + "." + o.name() + "." + x.name()));
          }
          case FUNCTION -> callables.add(m.name() + "." + o.name());
          default -> {}
        }
        for (String callable : callables) {
          for (ApiSnapshot.Param p : neu.signature(callable).orElse(List.of())) {
            String key = simple(callable) + "." + p.name();
            Changed c =
                p.type() == null || seen.contains(key)
                    ? null
                    : changed(callable, p.name(), old, neu);
            if (c != null) {
              seen.add(key);
              out.add(change(neu, c));
            }
          }
        }
      }
    }
    return out;
  }

  private static BreakingChange change(ApiModel neu, Changed c) {
    List<String> none = new ArrayList<>();
    none.add(null);
    return new BreakingChange(
        Version.parse(neu.version()),
        c.text(),
        ChangeKind.TYPE,
        ChangeScope.PYTHON,
        List.of(simple(c.callee()) + "." + c.keyword()),
        none,
        false,
        null,
        "api-model",
        c.callee()); // where the callable is defined: two classes may share its short name
  }

  /** Whether {@code code} passes any keyword to a callable of the package (worth the models). */
  static boolean wanted(CodeBase code) {
    String pkg = code.packageName() + ".";
    for (FileUses f : code.files()) {
      for (Use u : f.uses()) {
        if (u.kind() == UseKind.CALL
            && u.resolved()
            && u.target().startsWith(pkg)
            && !u.kwargs().isEmpty()) {
          return true;
        }
      }
    }
    return false;
  }

  /** A keyword the models prove broken, before its change has an index. */
  private record Hit(String path, Kwarg kwarg, String evidence) {}

  /** A changed declared type one of our keywords meets. */
  private record Changed(String callee, String keyword, String oldType, String newType) {
    String text() {
      return "Changed the type of `"
          + keyword
          + "` of `"
          + simple(callee)
          + "` from `"
          + oldType
          + "` to `"
          + newType
          + "`";
    }
  }

  static Judged judge(
      List<BreakingChange> changes,
      ImpactMatcher.MatchResult found,
      List<Review> reviews,
      CodeBase code,
      ApiModel old,
      ApiModel neu) {
    String pkg = code.packageName() + ".";
    Map<Changed, List<Hit>> sites = new LinkedHashMap<>();
    Map<Changed, List<Review.Use>> unknown = new LinkedHashMap<>();
    for (FileUses f : code.files()) {
      for (Use u : f.uses()) {
        if (u.kind() != UseKind.CALL || !u.resolved() || !u.target().startsWith(pkg)) {
          continue;
        }
        for (Kwarg k : u.kwargs()) {
          Changed c = changed(u.target(), k.name(), old, neu);
          if (c == null) {
            continue;
          }
          Fit before = k.type() == null ? Fit.UNKNOWN : old.fits(k.type(), c.oldType());
          Fit after = k.type() == null ? Fit.UNKNOWN : neu.fits(k.type(), c.newType());
          if (after == Fit.YES) {
            continue;
          }
          if (before == Fit.YES && after == Fit.NO) {
            String evidence =
                (kindOf(neu, u.target()).equals("class") ? "field " : "parameter ")
                    + k.name()
                    + " of "
                    + c.callee()
                    + ": old type "
                    + c.oldType()
                    + ", new type "
                    + c.newType()
                    + "; our code passes a "
                    + k.type();
            sites.computeIfAbsent(c, x -> new ArrayList<>()).add(new Hit(f.path(), k, evidence));
          } else {
            unknown
                .computeIfAbsent(c, x -> new ArrayList<>())
                .add(new Review.Use(f.path(), k.at().line(), k.at().cell(), k.at().lineText()));
          }
        }
      }
    }
    if (sites.isEmpty() && unknown.isEmpty()) {
      return new Judged(changes, found, reviews);
    }
    List<BreakingChange> all = new ArrayList<>(changes);
    Map<Changed, Integer> index = new LinkedHashMap<>();
    for (Changed c : concat(sites, unknown)) {
      all.add(change(neu, c));
      index.put(c, all.size() - 1);
    }
    Map<String, List<Site>> merged = new TreeMap<>();
    found.affectedFiles().forEach(f -> merged.put(f.path(), new ArrayList<>(f.sites())));
    sites.forEach(
        (c, hits) -> {
          for (Hit h : hits) {
            Location at = h.kwarg().at();
            merged
                .computeIfAbsent(h.path(), p -> new ArrayList<>())
                .add(
                    new Site(
                        at.line(),
                        at.column(),
                        at.cell(),
                        at.lineText(),
                        MatchKind.KWARG,
                        Certainty.CERTAIN,
                        index.get(c),
                        null,
                        h.evidence()));
          }
        });
    List<AffectedFile> files = new ArrayList<>();
    merged.forEach((path, list) -> files.add(ApiEvidence.file(path, list, all)));
    List<Review> allReviews = new ArrayList<>(reviews);
    unknown.forEach(
        (c, uses) ->
            allReviews.add(new Review(index.get(c), simple(c.callee()) + "." + c.keyword(), uses)));
    return new Judged(
        all, new ImpactMatcher.MatchResult(files, found.actions(), found.reviews()), allReviews);
  }

  /** The keyword's declared types on both versions when they differ (null when not shown). */
  private static Changed changed(String callee, String kw, ApiModel old, ApiModel neu) {
    String a = old.declaredType(callee, kw).orElse(null);
    String b = neu.declaredType(callee, kw).orElse(null);
    // A type that only widens (str to str | None) accepts whatever was passed before.
    if (a == null || b == null || old.widens(a, neu, b)) {
      return null;
    }
    String where = neu.resolve(callee) instanceof Found f ? f.path() : callee;
    return new Changed(where, kw, a, b);
  }

  private static String kindOf(ApiModel m, String path) {
    return m.resolve(path) instanceof Found f ? f.kind() : "";
  }

  private static List<Changed> concat(Map<Changed, ?> a, Map<Changed, ?> b) {
    List<Changed> out = new ArrayList<>(a.keySet());
    b.keySet().stream().filter(c -> !a.containsKey(c)).forEach(out::add);
    return out;
  }

  private static String simple(String dotted) {
    return dotted.substring(dotted.lastIndexOf('.') + 1);
  }
}

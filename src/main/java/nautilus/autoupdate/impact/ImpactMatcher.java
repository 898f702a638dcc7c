package nautilus.autoupdate.impact;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import nautilus.autoupdate.code.CodeBase;
import nautilus.autoupdate.code.FileUses;
import nautilus.autoupdate.code.Interest;
import nautilus.autoupdate.code.Kwarg;
import nautilus.autoupdate.code.Location;
import nautilus.autoupdate.code.Use;
import nautilus.autoupdate.code.UseKind;
import nautilus.autoupdate.notes.BreakingChange;
import nautilus.autoupdate.notes.ChangeKind;
import nautilus.autoupdate.notes.ChangeScope;
import nautilus.autoupdate.notes.NotesParser;
import nautilus.autoupdate.notes.OwnerScope;
import nautilus.autoupdate.notes.RequiredParameter;

/**
 * Matches breaking changes against the uses of the upstream package in our code: which files and
 * lines each change reaches, how sure we are, how badly it breaks, and what to write instead.
 */
public final class ImpactMatcher {

  /** Affected files sorted by path, the actions left for a person, and the review items. */
  public record MatchResult(
      List<AffectedFile> affectedFiles, List<Action> actions, List<Review> reviews) {
    public MatchResult {
      affectedFiles = List.copyOf(affectedFiles);
      actions = List.copyOf(actions);
      reviews = List.copyOf(reviews);
    }

    public MatchResult(List<AffectedFile> affectedFiles, List<Action> actions) {
      this(affectedFiles, actions, List.of());
    }
  }

  /**
   * Every qualified path the changes being matched name, old or new: a wildcard rule yields to a
   * note about one module inside its package ("Moved `Indicator` from
   * `pkg.indicators.base.indicator` to `pkg.indicators.base`" beside "nested modules to flat
   * structure").
   */
  private Set<String> namedPaths = Set.of();

  /** The order of a file's sites in a report: by cell, line, column, change and kind of match. */
  static final Comparator<Site> SITE_ORDER =
      Comparator.comparing((Site s) -> s.cell() == null ? -1 : s.cell())
          .thenComparingInt(Site::line)
          .thenComparingInt(Site::column)
          .thenComparingInt(Site::change)
          .thenComparing(Site::match);

  /** A site with the severity it carries (a file takes its worst). */
  private record Hit(Site site, Severity severity) {}

  /**
   * The words a scan must look for so that {@link #match} finds every site it would find on a full
   * scan: a site always sits where the last segment of an old name occurs (the member, the moved
   * module's last part, the keyword); an owner's name ({@code ExecTesterConfig} of a config field)
   * only keeps the code around it in view.
   */
  public static Interest interest(List<BreakingChange> changes, String packageName) {
    Set<String> words = new HashSet<>();
    Set<String> focus = new HashSet<>();
    // A word stays gated only if every change that wants it can reach it only through its owner.
    Map<String, Set<String>> gates = new HashMap<>();
    Set<String> ungated = new HashSet<>();
    Set<String> dotted = new HashSet<>();
    for (BreakingChange c : changes) {
      ChangeScope scope = c.scope() == null ? ChangeScope.UNKNOWN : c.scope();
      if (scope == ChangeScope.RUST
          || scope == ChangeScope.DATA
          || c.kind() == ChangeKind.DATA_FORMAT
          || c.kind() == ChangeKind.PLATFORM) {
        continue;
      }
      Optional<RequiredParameter> required = RequiredParameter.of(c);
      if (required.isPresent()) {
        // Calls that omit the parameter: the methods' names make a file interesting.
        RequiredParameter r = required.get();
        String word = r.methods() == null ? r.owner() : r.methods();
        words.add(word);
        ungated.add(word);
        focus.add(r.owner());
        continue;
      }
      Set<String> adapterGate = adapterGate(OwnerScope.of(c));
      for (String raw : c.old()) {
        OldName old = OldName.parse(raw, packageName);
        if (old == null) {
          continue;
        }
        words.add(old.last());
        if (!old.qualified() && !old.bare()) {
          focus.addAll(old.owner());
        }
        Set<String> gate = gate(old);
        if (gate == null) {
          gate = adapterGate;
        }
        if (gate == null) {
          ungated.add(old.last());
        } else {
          gates.computeIfAbsent(old.last(), k -> new HashSet<>()).addAll(gate);
          // x.member on a value of unknown type is a possible site of a note; of an API diff
          // finding, it never becomes a site (ApiEvidence keeps only certain ones, or confirms a
          // note's site on the same line, which that note's own word keeps in view).
          if (!old.qualified()
              && old.segments().size() == 2
              && distinctive(old.last())
              && !"api-diff".equals(c.source())) {
            dotted.add(old.last());
          }
        }
      }
    }
    gates.keySet().removeAll(ungated);
    return Interest.of(words, focus).gated(gates, dotted);
  }

  /**
   * The gate of a note scoped to adapters, or null for a general note: it reaches only a use whose
   * path holds the adapter's module or a class named after it ({@link #reach}, and a review's
   * scope), so the file writes one of those names ({@code Polymarket*}: any capitalized name
   * starting so).
   */
  private static Set<String> adapterGate(Set<OwnerScope.Adapter> adapters) {
    if (adapters.isEmpty()) {
      return null;
    }
    Set<String> gate = new HashSet<>();
    for (OwnerScope.Adapter a : adapters) {
      gate.add(a.module());
      if (a.classPrefix() != null) {
        gate.add(a.classPrefix() + "*");
      }
    }
    return gate;
  }

  /**
   * The words one of which a file must hold (unless it imports our own code) for the matcher to
   * match {@code old} there, or null when no such words exist. A dotted path {@code pkg.a.b}
   * matches only where {@code a} is written too (an import, a config string, a chain). A member
   * {@code Owner.member} (or a method's keyword {@code Owner.method.kw}) matches only a use whose
   * path passes through the owner, a subclass or an attribute known to hold one (names the file
   * writes), or, when the member is distinctive, an attribute on a value of unknown type ({@code
   * x.member}, which {@link Interest#dotted} keeps). A config class's distinctive field also
   * matches a bare config key: no gate.
   */
  private static Set<String> gate(OldName old) {
    List<String> segments = old.segments();
    if (old.qualified() && !old.wildcard() && segments.size() >= 3) {
      // A dotted path matches only an import, string or chain that spells it (or a relative
      // import's): the segment before the last is written there too.
      return Set.of(segments.get(segments.size() - 2));
    }
    if (old.qualified() || old.bare() || old.wildcard()) {
      return null;
    }
    if (segments.size() != 2 && segments.size() != 3) {
      return null;
    }
    String owner = segments.get(0);
    if (owner.endsWith("Config") && distinctive(old.last())) {
      return null;
    }
    Set<String> gate = new HashSet<>(UpstreamClasses.reaching(owner));
    if (segments.size() == 3) {
      gate.add(segments.get(1)); // x.method(kw=...) on a value of unknown type
    }
    return gate;
  }

  /**
   * {@link #interest(List, String)} of {@code changes} and {@code keywordOnly}, the latter changes
   * that can reach only a keyword argument at a call: their words make a file interesting only
   * where written as one ({@link Interest#keywordWords}).
   */
  public static Interest interest(
      List<BreakingChange> changes, List<BreakingChange> keywordOnly, String packageName) {
    Interest all = interest(changes, packageName);
    Interest keywords = interest(keywordOnly, packageName);
    Set<String> focus = new HashSet<>(all.focusWords());
    focus.addAll(keywords.focusWords());
    // A word of both is gated only if gated in both, by either's gate words.
    Map<String, Set<String>> gates = new HashMap<>();
    Set<String> either = new HashSet<>(all.words());
    either.addAll(keywords.words());
    for (String w : either) {
      Set<String> a = all.words().contains(w) ? all.gates().get(w) : Set.of();
      Set<String> k = keywords.words().contains(w) ? keywords.gates().get(w) : Set.of();
      if (a != null && k != null) {
        Set<String> g = new HashSet<>(a);
        g.addAll(k);
        gates.put(w, g);
      }
    }
    return Interest.of(all.words(), focus, keywords.words()).gated(gates, all.dotted());
  }

  public MatchResult match(List<BreakingChange> changes, CodeBase code) {
    String pkg = code.packageName();
    Set<String> named = namedPaths(changes, pkg);
    List<Review> reviews = new ArrayList<>();
    List<Action> actions = new ArrayList<>();
    Map<String, List<Hit>> byFile = new LinkedHashMap<>();
    UseIndex index = new UseIndex(code);
    for (int i = 0; i < changes.size(); i++) {
      BreakingChange c = changes.get(i);
      ChangeScope scope = c.scope() == null ? ChangeScope.UNKNOWN : c.scope();
      if (scope == ChangeScope.RUST) {
        continue;
      }
      if (c.kind() == ChangeKind.DATA_FORMAT || scope == ChangeScope.DATA) {
        actions.add(new Action(PersonActions.dataAction(c.text()), i));
        continue;
      }
      if (c.kind() == ChangeKind.PLATFORM) {
        int change = i;
        PersonActions.platformAction(c.text(), code.root())
            .ifPresent(t -> actions.add(new Action(t, change)));
        continue;
      }
      Optional<RequiredParameter> required = RequiredParameter.of(c);
      if (required.isPresent()) {
        // Passing the parameter is fine; only calls that leave it out break.
        for (UseIndex.Entry e : index.calls(required.get()::namesCallee)) {
          List<Hit> hits = new ArrayList<>();
          omitted(c, i, required.get(), e.use(), hits);
          if (!hits.isEmpty()) {
            byFile.computeIfAbsent(e.file().path(), k -> new ArrayList<>()).addAll(hits);
          }
        }
        continue;
      }
      Set<OwnerScope.Adapter> owners = OwnerScope.of(c);
      if (NotesParser.isReview(c)) {
        review(c, i, owners, index, pkg).ifPresent(reviews::add);
        continue;
      }
      for (int j = 0; j < c.old().size(); j++) {
        OldName old = OldName.parse(c.old().get(j), pkg);
        if (old == null) {
          continue;
        }
        String replacement = c.replacementFor(j);
        boolean module = old.bare() && namesModule(c, old.text());
        for (UseIndex.Entry e : module ? index.throughSegment(old.text()) : index.candidates(old)) {
          Reach reach = owners.isEmpty() ? Reach.OWN : reach(e, owners);
          if (reach == Reach.NONE) {
            continue;
          }
          List<Hit> hits = new ArrayList<>();
          matchUse(c, i, old, replacement, e.use(), e.file(), hits, pkg, named);
          if (reach == Reach.INSIDE) {
            hits.replaceAll(ImpactMatcher::possible);
          }
          if (!hits.isEmpty()) {
            byFile.computeIfAbsent(e.file().path(), k -> new ArrayList<>()).addAll(hits);
          }
        }
      }
    }
    List<AffectedFile> files = new ArrayList<>();
    byFile.keySet().stream()
        .sorted()
        .forEach(path -> files.add(affectedFile(path, byFile.get(path))));
    return new MatchResult(files, actions, reviews);
  }

  /**
   * Where our code uses exactly what a behavior note names: the class itself ({@code Price}), a
   * member of it or of a subclass ({@code Strategy.submit_order} for {@code submit_order} on a
   * resolved upstream owner); resolved uses only, never imports, and for an adapter's note only
   * that adapter's names. A note naming a keyword it is about ("with a custom `position_id`")
   * reaches only calls passing it. A note of a type only ({@link NotesParser#changesTypeOnly}:
   * "Changed `MarginBalance.instrument_id` to optional") also reaches the keyword of that name at
   * calls of its owner; a use whose owner is unknown ({@code order.instrument_id}) is none.
   */
  private static Optional<Review> review(
      BreakingChange c, int index, Set<OwnerScope.Adapter> owners, UseIndex uses, String pkg) {
    String keyword = qualifyingKeyword(c);
    boolean typeOnly = NotesParser.changesTypeOnly(c);
    List<Review.Use> found = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    String name = null;
    for (String raw : c.old()) {
      OldName old = OldName.parse(raw, pkg);
      if (old == null || old.wildcard()) {
        continue;
      }
      for (UseIndex.Entry e : uses.candidates(old)) {
        Use u = e.use();
        List<String> t = List.of(u.target().split("\\."));
        boolean kindOk =
            u.resolved()
                && (u.kind() == UseKind.CALL
                    || u.kind() == UseKind.NAME
                    || u.kind() == UseKind.ATTRIBUTE)
                && u.target().startsWith(pkg + ".");
        boolean exact =
            old.qualified()
                ? u.target().equals(old.text())
                : old.bare()
                    ? t.get(t.size() - 1).equals(old.text())
                        && (Character.isUpperCase(old.text().charAt(0))
                            // a lower-case member counts only on a class (`Price.precision`);
                            // a local name of one segment has no owner at all
                            || (t.size() >= 2
                                && Character.isUpperCase(t.get(t.size() - 2).charAt(0))))
                    : endsWith(t, old.segments());
        boolean scoped = owners.isEmpty() || OwnerScope.belongs(u.target(), owners);
        boolean keywordOk =
            keyword == null || u.kwargs().stream().anyMatch(k -> k.name().equals(keyword));
        List<Location> at = new ArrayList<>();
        if (kindOk && exact && scoped && keywordOk) {
          at.add(u.at());
        }
        if (typeOnly && kindOk && scoped && ownKeyword(u, old)) {
          // The field or parameter whose type changed, passed by keyword to its owner.
          u.kwargs().stream().filter(k -> k.name().equals(old.last())).forEach(k -> at.add(k.at()));
        }
        for (Location l : at) {
          if (seen.add(e.file().path() + "#" + l.cell() + ":" + l.line())) {
            found.add(new Review.Use(e.file().path(), l.line(), l.cell(), l.lineText()));
            name = name == null ? old.text() : name;
          }
        }
      }
    }
    if (found.isEmpty()) {
      return Optional.empty();
    }
    found.sort(
        Comparator.comparing(Review.Use::path)
            .thenComparing(x -> x.cell() == null ? -1 : x.cell())
            .thenComparingInt(Review.Use::line));
    return Optional.of(new Review(index, name, found, typeOnly ? TYPE_ONLY_WHY : null));
  }

  /**
   * Why a note of a type only is a review item: which uses of a changed type break the note cannot
   * say; the API models' own breaks (a keyword whose type no longer fits, a member gone) are sites.
   */
  static final String TYPE_ONLY_WHY =
      "the note changes a type, optionality or return type, not a name: a use breaks only where"
          + " the API models of both versions prove it, and those are listed as breaks";

  /** A call of {@code Owner} (or a method of it, {@code Owner.method.param}) for {@code old}. */
  private static boolean ownKeyword(Use u, OldName old) {
    if (u.kind() != UseKind.CALL || old.qualified() || old.bare()) {
      return false;
    }
    List<String> callee = List.of(u.target().split("\\."));
    if (callee.get(callee.size() - 1).equals("__init__")) {
      callee = callee.subList(0, callee.size() - 1);
    }
    return endsWith(callee, old.owner());
  }

  /** "with a custom `position_id`": the keyword a behavior note is about, when it names one. */
  private static String qualifyingKeyword(BreakingChange c) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile(
                "\\bwith (?:an? |the )?(?:custom |explicit |non-default )?`([a-z_][a-z0-9_]*)`")
            .matcher(c.text() == null ? "" : c.text());
    return m.find() && !c.old().contains(m.group(1)) ? m.group(1) : null;
  }

  private static AffectedFile affectedFile(String path, List<Hit> hits) {
    Map<String, Hit> unique = new LinkedHashMap<>();
    hits.stream()
        .sorted(Comparator.comparing(Hit::severity))
        .forEach(
            h -> {
              Site s = h.site();
              String key = s.cell() + ":" + s.line() + ":" + s.column() + ":" + s.change();
              unique.putIfAbsent(key, h);
            });
    Severity worst = Severity.LOW;
    for (Hit h : unique.values()) {
      worst = Severity.worst(worst, h.severity());
    }
    List<Site> sites = unique.values().stream().map(Hit::site).sorted(SITE_ORDER).toList();
    return new AffectedFile(path, worst, sites);
  }

  private void matchUse(
      BreakingChange c,
      int index,
      OldName old,
      String replacement,
      Use u,
      FileUses f,
      List<Hit> hits,
      String pkg,
      Set<String> named) {
    if (old.qualified()) {
      qualified(c, index, old, replacement, u, hits, pkg, named);
    } else if (old.bare()) {
      bare(c, index, old, replacement, u, hits, pkg, named);
    } else {
      relative(c, index, old, replacement, u, f, hits);
    }
  }

  /**
   * How far an adapter-scoped note reaches a use: {@code OWN} when the use is the adapter's own
   * (its module, a class named after it); {@code INSIDE} when it sits inside the arguments of a
   * call of the adapter's class, by the syntax tree, however many lines away ({@code
   * PolymarketDataClientConfig(..., instrument_config=InstrumentProviderConfig(...))}), or is a
   * config key in a file naming the adapter; then it is possible at most, and the models judge it.
   * Anything else, imports of generic names and uses merely on the same line included, is out of
   * the note's reach.
   */
  private enum Reach {
    OWN,
    INSIDE,
    NONE
  }

  private static Reach reach(UseIndex.Entry e, Set<OwnerScope.Adapter> owners) {
    Use u = e.use();
    if (OwnerScope.belongs(u.target(), owners)) {
      return Reach.OWN;
    }
    if (u.kind() == UseKind.IMPORT) {
      return Reach.NONE;
    }
    for (Use other : e.file().uses()) {
      if (other.kind() == UseKind.IMPORT || !OwnerScope.belongs(other.target(), owners)) {
        continue;
      }
      if (u.kind() == UseKind.CONFIG_KEY || (other.kind() == UseKind.CALL && other.encloses(u))) {
        return Reach.INSIDE;
      }
    }
    return Reach.NONE;
  }

  private static Hit possible(Hit h) {
    Site s = h.site();
    return new Hit(
        new Site(
            s.line(),
            s.column(),
            s.cell(),
            s.code(),
            s.match(),
            Certainty.POSSIBLE,
            s.change(),
            s.fix(),
            s.evidence()),
        h.severity());
  }

  /**
   * A call of one of the owner's methods (or its constructor) that passes the newly required
   * parameter neither by keyword nor, as far as the count shows, by position: a method call with at
   * most one positional argument (the data type or id every request method takes first; where the
   * parameter sits is not in the note), a constructor call with none. Certain only when the note
   * names the method and the owner resolves; a family of methods is a reading of the prose.
   */
  private void omitted(BreakingChange c, int index, RequiredParameter r, Use u, List<Hit> hits) {
    List<String> t = List.of(u.target().split("\\."));
    if (u.kind() != UseKind.CALL || t.get(0).equals("?") || t.size() < 2) {
      return;
    }
    boolean constructor = r.methods() == null;
    List<String> callee = t;
    if (callee.get(callee.size() - 1).equals("__init__")) {
      callee = callee.subList(0, callee.size() - 1);
    }
    boolean ownerMatches =
        constructor
            ? endsWith(callee, List.of(r.owner()))
            : endsWith(callee, List.of(r.owner(), callee.get(callee.size() - 1)));
    if (!ownerMatches || u.kwargs().stream().anyMatch(k -> k.name().equals(r.param()))) {
      return;
    }
    int positional = u.positionalArgs();
    if (positional < 0 || positional > (constructor ? 0 : 1)) {
      return;
    }
    boolean certain = r.exactMethod() && u.resolved();
    add(c, index, u, u.at(), certain, null, MatchKind.CALL, hits);
  }

  /** {@code nautilus_trader.a.b} or {@code nautilus_trader.a.b.Name}: by path. */
  private void qualified(
      BreakingChange c,
      int index,
      OldName old,
      String replacement,
      Use u,
      List<Hit> hits,
      String pkg,
      Set<String> named) {
    if (old.wildcard()) {
      wildcard(c, index, old, replacement, u, hits, pkg, named);
      return;
    }
    String t = u.target();
    boolean importLike = u.kind() == UseKind.IMPORT || u.kind() == UseKind.CONFIG_STRING;
    boolean under = t.equals(old.text()) || t.startsWith(old.text() + ".");
    // A module's bare name after `from pkg import module` repeats the import site; skip it.
    boolean bareModuleName = old.moduleLike() && u.kind() == UseKind.NAME;
    if (importLike ? under : t.equals(old.text()) && !movedPath(c, old) && !bareModuleName) {
      String fix =
          importLike ? Fixes.forImport(u, old, replacement) : Fixes.lastSegment(replacement);
      add(c, index, u, u.at(), u.resolved(), fix, matchKind(u.kind()), hits);
    }
  }

  /**
   * {@code pkg.a.*}: an import or config string from any module strictly inside {@code pkg.a}
   * ({@code from pkg.a.atr import X}, not {@code from pkg.a import X}), and a use that spells such
   * a module out on its line ({@code pkg.a.atr.X} after {@code import pkg.a.atr}); through an alias
   * the import's own edit is the fix. The fix treats the submodule as the moved module, so a
   * flattening ({@code pkg.a.* -> pkg.a}) imports the name from the package itself.
   */
  private void wildcard(
      BreakingChange c,
      int index,
      OldName old,
      String replacement,
      Use u,
      List<Hit> hits,
      String pkg,
      Set<String> named) {
    boolean importLike = u.kind() == UseKind.IMPORT || u.kind() == UseKind.CONFIG_STRING;
    String module = importLike ? moduleOf(u) : null;
    String sub = old.submoduleOf(importLike ? module : u.target());
    if (sub == null || namedElsewhere(named, old, u.target())) {
      return;
    }
    if (!importLike) {
      String spelled = u.target().substring(0, u.target().lastIndexOf('.'));
      boolean spelledOut =
          old.submoduleOf(spelled) != null
              && u.at().lineText() != null
              && u.at().lineText().contains(spelled + ".");
      if (spelledOut) {
        add(c, index, u, u.at(), u.resolved(), null, matchKind(u.kind()), hits);
      }
      return;
    }
    boolean flattens =
        replacement != null
            && (replacement.equals(old.text()) || old.text().startsWith(replacement + "."));
    OldName moved = OldName.parse(flattens ? sub : old.text(), pkg);
    String fix = moved == null ? null : Fixes.forImport(u, moved, replacement);
    add(c, index, u, u.at(), u.resolved(), fix, matchKind(u.kind()), hits);
  }

  /**
   * Every qualified path the changes name, old or new: a wildcard rule yields to a note about one
   * module inside its package ("Moved `Indicator` from `pkg.indicators.base.indicator` to
   * `pkg.indicators.base`" beside "nested modules to flat structure").
   */
  private static Set<String> namedPaths(List<BreakingChange> changes, String pkg) {
    Set<String> out = new HashSet<>();
    for (BreakingChange c : changes) {
      for (int j = 0; j < c.old().size(); j++) {
        for (String raw : java.util.Arrays.asList(c.old().get(j), c.replacementFor(j))) {
          OldName n = OldName.parse(raw, pkg);
          if (n != null && n.qualified() && !n.wildcard()) {
            out.add(n.text());
          }
        }
      }
    }
    return out;
  }

  /** Whether another note names {@code target} (or a module holding it) inside the package. */
  private static boolean namedElsewhere(Set<String> named, OldName wildcard, String target) {
    String under = wildcard.text() + ".";
    for (String p : named) {
      if (p.startsWith(under) && (target.equals(p) || target.startsWith(p + "."))) {
        return true;
      }
    }
    return false;
  }

  /** The module an import reads from, or a config string's module part. */
  private static String moduleOf(Use u) {
    if (u.kind() == UseKind.IMPORT) {
      return u.module();
    }
    String written = u.name() == null ? u.target() : u.name();
    int colon = written.indexOf(':');
    if (colon >= 0) {
      return written.substring(0, colon);
    }
    int dot = u.target().lastIndexOf('.');
    return dot < 0 ? null : u.target().substring(0, dot);
  }

  /** A move of a module or module-level name breaks imports; the names used stay valid. */
  private static boolean movedPath(BreakingChange c, OldName old) {
    return c.kind() == ChangeKind.MOVE;
  }

  /** {@code Owner.member} or {@code Owner.method.param}: by the end of the target path. */
  private void relative(
      BreakingChange c,
      int index,
      OldName old,
      String replacement,
      Use u,
      FileUses f,
      List<Hit> hits) {
    List<String> t = List.of(u.target().split("\\."));
    boolean unknownOwner = t.get(0).equals("?");
    String fix = Fixes.lastSegment(replacement);
    if (u.kind() == UseKind.CONFIG_KEY) {
      if (old.segments().size() == 2 && u.target().equals(old.last())) {
        String owner = old.segments().get(0);
        boolean named = namesConfigClass(f, owner);
        // Without the class named in the file, a plain word ("database", "host") is any dict's
        // key; only a field name no other mapping would use by chance counts.
        if (named || (owner.endsWith("Config") && distinctive(old.last()))) {
          add(c, index, u, u.at(), named, fix, matchKind(u.kind()), hits);
        }
      }
      return;
    }
    // "Removed `value` param from `UUID4`": the name is a keyword of the call, not a member.
    boolean parameter = namesParameter(c, old.last());
    // "Removed `DatabentoLiveClient.key` property": a member, not the constructor's keyword.
    boolean member = namesMember(c, old.last());
    if (unknownOwner) {
      if (!parameter
          && old.segments().size() == 2
          && t.size() == 2
          && t.get(1).equals(old.last())) {
        add(c, index, u, u.at(), false, fix, matchKind(u.kind()), hits);
      }
      if (u.kind() == UseKind.CALL
          && !member
          && old.segments().size() == 3
          && t.size() == 2
          && t.get(1).equals(old.segments().get(1))) {
        kwargHits(c, index, u, old.last(), false, fix, hits);
      }
      return;
    }
    if (u.kind() != UseKind.IMPORT && !parameter && endsWith(t, old.segments())) {
      add(c, index, u, u.at(), u.resolved(), fix, matchKind(u.kind()), hits);
    }
    if (u.kind() == UseKind.CALL) {
      List<String> callee = t;
      if (callee.get(callee.size() - 1).equals("__init__")) {
        callee = callee.subList(0, callee.size() - 1);
      }
      if (!member && endsWith(callee, old.owner())) {
        kwargHits(c, index, u, old.last(), u.resolved(), fix, hits);
      }
    }
  }

  /**
   * Whether the note calls {@code name} a parameter ({@code `value` param}, {@code `clock`
   * parameter}): then only the keyword at calls of its owner is a use of it, never an attribute of
   * the same name.
   */
  static boolean namesParameter(BreakingChange c, String name) {
    return c.text() != null
        && Pattern.compile(
                "`"
                    + Pattern.quote(name)
                    + "`\\s+(?:(?:constructor|optional|required|keyword|positional|default)\\s+)?"
                    + "(param|params|parameter|parameters|argument|arguments|kwarg|kwargs)\\b")
            .matcher(c.text())
            .find();
  }

  /** Whether the note calls {@code name} a property, attribute or method of its owner. */
  static boolean namesMember(BreakingChange c, String name) {
    return c.text() != null
        && Pattern.compile(
                "`(?:[\\w.]*\\.)?"
                    + Pattern.quote(name)
                    + "(?:\\(\\))?`\\s+(property|properties|attribute|attributes|method|methods)\\b")
            .matcher(c.text())
            .find();
  }

  private static boolean namesConfigClass(FileUses f, String owner) {
    return f.uses().stream()
        .anyMatch(x -> x.kind() == UseKind.CONFIG_STRING && x.target().endsWith("." + owner));
  }

  /** Whether {@code target} ends with {@code old}, the owner allowed to be a known subclass. */
  static boolean endsWith(List<String> target, List<String> old) {
    int k = old.size();
    int n = target.size();
    if (n < k + 1) {
      return false; // the target must keep at least the package root in front
    }
    for (int i = 1; i < k; i++) {
      if (!target.get(n - k + i).equals(old.get(i))) {
        return false;
      }
    }
    String owner = target.get(n - k);
    if (UpstreamClasses.isA(owner, old.get(0))) {
      return true;
    }
    // self.cache.add_yield_curve: the owner is an attribute an upstream class is known to hold.
    String held = UpstreamClasses.attributeType(owner);
    return held != null
        && n - k - 1 >= 0
        && Character.isUpperCase(target.get(n - k - 1).charAt(0))
        && UpstreamClasses.isA(held, old.get(0));
  }

  private void kwargHits(
      BreakingChange c,
      int index,
      Use u,
      String param,
      boolean certain,
      String fix,
      List<Hit> hits) {
    for (Kwarg k : u.kwargs()) {
      if (k.name().equals(param)) {
        add(c, index, u, k.at(), certain, fix, MatchKind.KWARG, hits);
      }
    }
  }

  /** A bare name: certain only as a module-level upstream name; as a member, possible. */
  private void bare(
      BreakingChange c,
      int index,
      OldName old,
      String replacement,
      Use u,
      List<Hit> hits,
      String pkg,
      Set<String> named) {
    String name = old.text();
    if (namesModule(c, name)) {
      moduleSegment(c, index, name, replacement, u, hits, pkg, named);
      return;
    }
    String fix = Fixes.lastSegment(replacement);
    switch (u.kind()) {
      case ENV_STRING:
        if (u.target().equals(name)) {
          add(c, index, u, u.at(), true, replacement, matchKind(u.kind()), hits);
        }
        return;
      case CONFIG_KEY:
        if (u.target().equals(name) && name.contains("_")) {
          add(c, index, u, u.at(), false, fix, matchKind(u.kind()), hits);
        }
        return;
      case CONFIG_STRING:
        return;
      default:
        break;
    }
    List<String> t = List.of(u.target().split("\\."));
    if (t.get(t.size() - 1).equals(name)) {
      boolean moduleLevel =
          t.size() >= 2 && !t.get(0).equals("?") && isModuleSegment(t.get(t.size() - 2));
      if (u.kind() == UseKind.IMPORT) {
        if (moduleLevel) {
          add(
              c,
              index,
              u,
              u.at(),
              u.resolved(),
              Fixes.forRenamedImport(u, replacement),
              matchKind(u.kind()),
              hits);
        }
      } else if (!t.get(0).equals("?") || distinctive(name)) {
        add(c, index, u, u.at(), moduleLevel && u.resolved(), fix, matchKind(u.kind()), hits);
      }
    }
    if (u.kind() == UseKind.CALL && !u.target().startsWith("?") && u.target().startsWith(pkg)) {
      kwargHits(c, index, u, name, false, fix, hits);
    }
  }

  /**
   * "Consolidated `clock` module into `component` module": the name is a module of the package, so
   * only paths through it are reached ({@code nautilus_trader.common.clock.LiveClock}), read as a
   * move of that module to its sibling; never a keyword or an attribute that shares the name
   * ({@code logging=}, {@code self.clock}). Submodules folded into their module ("all `data`
   * submodules into one `data` module") reach only imports from the submodules under it.
   */
  private void moduleSegment(
      BreakingChange c,
      int index,
      String name,
      String replacement,
      Use u,
      List<Hit> hits,
      String pkg,
      Set<String> named) {
    List<String> t = List.of(u.target().split("\\."));
    if (!t.get(0).equals(pkg)) {
      return;
    }
    int at = -1;
    for (int i = 1; i < t.size() && isModuleSegment(t.get(i)); i++) {
      if (t.get(i).equals(name)) {
        at = i;
        break;
      }
    }
    if (at < 0) {
      return;
    }
    String parent = String.join(".", t.subList(0, at));
    String into = replacement == null ? null : Fixes.lastSegment(replacement);
    String moved = parent + "." + name;
    OldName path;
    String target;
    if (name.equals(into) || foldsSubmodules(c, name)) {
      path = OldName.parse(moved + ".*", pkg);
      target = moved;
    } else {
      path = OldName.parse(moved, pkg);
      target =
          replacement == null
              ? null
              : replacement.startsWith(pkg + ".") ? replacement : parent + "." + into;
    }
    if (path != null) {
      qualified(c, index, path, target, u, hits, pkg, named);
    }
  }

  /** "Consolidated all `data` submodules into one `data` module": the module itself stays. */
  private static boolean foldsSubmodules(BreakingChange c, String name) {
    return Pattern.compile("`" + Pattern.quote(name) + "`\\s+submodules\\b")
        .matcher(c.text())
        .find();
  }

  /** Whether the note calls {@code name} a module ("`clock` module", "the module `clock`"). */
  static boolean namesModule(BreakingChange c, String name) {
    return c.text() != null
        && Pattern.compile(
                "`"
                    + Pattern.quote(name)
                    + "`\\s+(sub)?modules?\\b|\\bmodules?\\s+`"
                    + Pattern.quote(name)
                    + "`")
            .matcher(c.text())
            .find();
  }

  /** A member name unlikely to collide by chance ({@code reset_catalog_file_names}). */
  private static boolean distinctive(String member) {
    return member.length() >= 6 && member.indexOf('_') > 0;
  }

  private static boolean isModuleSegment(String s) {
    return s.equals(s.toLowerCase(Locale.ROOT));
  }

  private void add(
      BreakingChange c,
      int index,
      Use u,
      Location at,
      boolean certain,
      String fix,
      MatchKind kind,
      List<Hit> hits) {
    Severity severity = severity(c, kind);
    if (severity == null) {
      return;
    }
    Site site =
        new Site(
            at.line(),
            at.column(),
            at.cell(),
            at.lineText(),
            kind,
            certain ? Certainty.CERTAIN : Certainty.POSSIBLE,
            index,
            fix,
            null);
    hits.add(new Hit(site, severity));
  }

  private static MatchKind matchKind(UseKind k) {
    switch (k) {
      case IMPORT:
        return MatchKind.IMPORT;
      case NAME:
        return MatchKind.NAME;
      case ATTRIBUTE:
        return MatchKind.ATTRIBUTE;
      case CALL:
        return MatchKind.CALL;
      case OVERRIDE:
        return MatchKind.OVERRIDE;
      case CONFIG_KEY:
        return MatchKind.KWARG;
      default:
        return MatchKind.CONFIG_STRING;
    }
  }

  /**
   * CRITICAL fails at import, HIGH at run time, MEDIUM relies on a deprecation or changed default,
   * LOW otherwise; null when this kind of use is not hurt by this kind of change (importing a class
   * whose signature changed is fine).
   */
  static Severity severity(BreakingChange c, MatchKind kind) {
    String text = c.text() == null ? "" : c.text().toLowerCase(Locale.ROOT);
    ChangeKind ck = c.kind() == null ? ChangeKind.OTHER : c.kind();
    boolean breaksNames =
        ck == ChangeKind.RENAME || ck == ChangeKind.MOVE || ck == ChangeKind.REMOVE;
    if (kind == MatchKind.IMPORT && !breaksNames) {
      return null;
    }
    if (text.contains("deprecat")) {
      return Severity.MEDIUM;
    }
    switch (ck) {
      case RENAME:
      case MOVE:
      case REMOVE:
        return kind == MatchKind.IMPORT ? Severity.CRITICAL : Severity.HIGH;
      case SIGNATURE:
        return kind == MatchKind.NAME ? null : Severity.HIGH;
      case TYPE:
      case DEFAULT:
      case BEHAVIOR:
        return Severity.MEDIUM;
      default:
        return Severity.LOW;
    }
  }
}

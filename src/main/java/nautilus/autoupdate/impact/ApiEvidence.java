package nautilus.autoupdate.impact;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import nautilus.autoupdate.api.ApiChange;
import nautilus.autoupdate.api.ApiDiffSource;
import nautilus.autoupdate.api.ApiModel;
import nautilus.autoupdate.api.NotesLinker;
import nautilus.autoupdate.code.CodeBase;
import nautilus.autoupdate.code.FileUses;
import nautilus.autoupdate.code.Use;
import nautilus.autoupdate.notes.BreakingChange;
import nautilus.autoupdate.release.NoteItem;

/**
 * Combines the sites the release notes reach with those the API diff reaches. The diff's findings
 * go through the same {@link ImpactMatcher} as the notes (as plain breaking changes); then a note
 * site on a line the diff also flags becomes {@code certain} and carries the diff's evidence (and
 * its fix when the note has none), and a line only the diff flags gets a site of its own, with the
 * finding appended to the report's breaking changes. Diff-only sites must resolve to the changed
 * name ({@code certain}): the diff lists every change of the package, and its unresolved
 * look-alikes ({@code x.start} for some class's removed {@code start}) would drown the report.
 * Required parameters and changed defaults only confirm note sites: whether a call is hurt depends
 * on the arguments it passes, which a call site alone does not prove. A finding is about one class
 * or function where it is defined ({@link BreakingChange#owner}); with the old model at hand, a
 * site whose use resolves to another definition of the same short name (the Cython {@code
 * OrderBookDeltas} for a change of the PyO3 one) neither makes a site nor confirms one; with both
 * models, nor does a use of a subclass that has the member on both versions, on the target from
 * another class than the owner ({@code Strategy.on_order_filled} when {@code Actor}'s went).
 */
final class ApiEvidence {
  /** The report's changes, files and actions with the diff folded in, and its summary. */
  record Merged(
      List<BreakingChange> changes, ImpactMatcher.MatchResult found, ApiDiffSummary summary) {}

  /**
   * The diff's findings linked to the notes ({@code linked}), those the matcher can read ({@code
   * usable}) and their matchable form ({@code matchable}, aligned with {@code usable}); the scan's
   * interest must include {@code matchable}, or files only the diff reaches are not read.
   */
  record Findings(
      ApiDiffSource.Found diff,
      List<ApiChange> linked,
      List<ApiChange> usable,
      List<BreakingChange> matchable) {

    /**
     * Whether matchable finding {@code i} can reach only a keyword argument: a removed or renamed
     * parameter of a method ({@code Owner.method.param}), which the matcher meets at calls of the
     * method passing it by keyword (a parameter is no attribute of its method), so the scan needs
     * no file where the name is written only otherwise.
     */
    boolean keywordOnly(int i, String packageName) {
      ApiChange.Type type = usable.get(i).type();
      if (type != ApiChange.Type.PARAMETER_REMOVED && type != ApiChange.Type.PARAMETER_RENAMED) {
        return false;
      }
      BreakingChange m = matchable.get(i);
      if (m.old().size() != 1 || nautilus.autoupdate.notes.RequiredParameter.of(m).isPresent()) {
        return false;
      }
      OldName old = OldName.parse(m.old().get(0), packageName);
      return old != null && !old.qualified() && old.segments().size() >= 3;
    }
  }

  private ApiEvidence() {}

  static Findings findings(ApiDiffSource.Found diff, List<NoteItem> items) {
    if (!diff.available()) {
      return new Findings(diff, List.of(), List.of(), List.of());
    }
    List<ApiChange> linked = NotesLinker.link(diff.changes(), items);
    List<ApiChange> usable = new ArrayList<>();
    List<BreakingChange> matchable = new ArrayList<>();
    for (ApiChange c : linked) {
      BreakingChange m = matchable(c);
      if (m != null) {
        usable.add(c);
        matchable.add(m);
      }
    }
    return new Findings(diff, linked, usable, matchable);
  }

  static Merged merge(
      List<BreakingChange> notes,
      ImpactMatcher.MatchResult noteHits,
      Findings findings,
      CodeBase code,
      ImpactMatcher matcher,
      ApiModel old,
      ApiModel neu) {
    ApiDiffSource.Found diff = findings.diff();
    if (!diff.available()) {
      return new Merged(
          notes,
          noteHits,
          new ApiDiffSummary(
              false,
              0,
              0,
              List.of(),
              diff.skipped(),
              diff.unavailable(),
              List.of(),
              // The target's model, when it alone judges: where it came from.
              diff.sources()));
    }
    List<ApiChange> linked = findings.linked();
    List<ApiChange> usable = findings.usable();
    List<BreakingChange> matchable = findings.matchable();
    ImpactMatcher.MatchResult diffHits = matcher.match(matchable, code);

    Map<String, List<Site>> byFile = new TreeMap<>();
    noteHits.affectedFiles().forEach(f -> byFile.put(f.path(), new ArrayList<>(f.sites())));
    List<BreakingChange> changes = new ArrayList<>(notes);
    Map<Integer, Integer> appended = new LinkedHashMap<>();
    List<Integer> notInNotes = new ArrayList<>();
    for (AffectedFile f : diffHits.affectedFiles()) {
      List<Site> sites = byFile.computeIfAbsent(f.path(), k -> new ArrayList<>());
      Set<String> noteLines = new HashSet<>();
      sites.forEach(s -> noteLines.add(line(s)));
      FileUses uses = old == null ? null : ModelJudge.uses(code, f.path());
      List<Site> ours =
          f.sites().stream()
              .filter(d -> !otherOwner(uses, d, usable.get(d.change()).owner(), old))
              .filter(d -> !elsewhere(uses, d, usable.get(d.change()).owner(), old, neu))
              .toList();
      for (Site d : best(ours, usable)) {
        ApiChange a = usable.get(d.change());
        if (noteLines.contains(line(d))) {
          confirm(sites, d, a);
        } else if (d.certainty() == Certainty.CERTAIN && !confirmsOnly(a)) {
          int index =
              appended.computeIfAbsent(
                  d.change(),
                  k -> {
                    changes.add(matchable.get(k));
                    if (!a.documented()) {
                      notInNotes.add(changes.size() - 1);
                    }
                    return changes.size() - 1;
                  });
          sites.add(
              new Site(
                  d.line(),
                  d.column(),
                  d.cell(),
                  d.code(),
                  d.match(),
                  d.certainty(),
                  index,
                  d.fix(),
                  a.evidence()));
        }
      }
    }
    List<AffectedFile> files = new ArrayList<>();
    byFile.forEach(
        (path, sites) -> {
          if (!sites.isEmpty()) {
            files.add(file(path, sites, changes));
          }
        });
    int undocumented = (int) linked.stream().filter(c -> !c.documented()).count();
    return new Merged(
        changes,
        new ImpactMatcher.MatchResult(files, noteHits.actions()),
        new ApiDiffSummary(
            true,
            linked.size(),
            undocumented,
            notInNotes,
            diff.skipped(),
            null,
            List.of(),
            diff.sources(),
            null));
  }

  /**
   * A finding as the matcher reads it. A removed or renamed parameter becomes {@code
   * Owner.method.param} (the keyword at call sites; a renamed one names the new keyword); the rest
   * keep their identifiers.
   */
  static BreakingChange matchable(ApiChange a) {
    BreakingChange c = a.change();
    if (c.old().isEmpty()) {
      return null;
    }
    switch (a.type()) {
      case PARAMETER_REMOVED:
      case PARAMETER_RENAMED:
        {
          String param = a.parameter().orElse(null);
          if (param == null) {
            return null;
          }
          String callable = c.old().get(0);
          List<String> replacement = new ArrayList<>();
          replacement.add(a.newParameter().map(n -> callable + "." + n).orElse(null));
          return new BreakingChange(
              c.version(),
              c.text(),
              c.kind(),
              c.scope(),
              List.of(callable + "." + param),
              replacement,
              c.autoFixable(),
              c.migration(),
              c.source(),
              c.owner());
        }
      default:
        return c;
    }
  }

  /**
   * Whether the old model shows that every use at the diff site's place is of a class or function
   * other than the finding's {@code owner}: the path up to the segment that names the owner (or a
   * subclass of it, as the matcher reads it) resolves to another definition. A use that does not
   * resolve that far is not shown to be another's; one with no such segment ({@code self.cache.x})
   * says nothing either way.
   */
  private static boolean otherOwner(FileUses file, Site d, String owner, ApiModel old) {
    if (file == null || owner == null) {
      return false;
    }
    String name = owner.substring(owner.lastIndexOf('.') + 1);
    boolean another = false;
    for (Use u : ModelJudge.usesAt(file, d)) {
      String[] t = u.target().split("\\.");
      int i = t.length - 1;
      while (i >= 1 && !UpstreamClasses.isA(t[i], name)) {
        i--;
      }
      if (i < 1) {
        continue; // not a use through the owner's name (the module named on the same place)
      }
      if (old.names(String.join(".", Arrays.copyOf(t, i + 1)), owner) != ApiModel.Fit.NO) {
        return false;
      }
      another = true;
    }
    return another;
  }

  /**
   * Whether both models show that every use at the diff site's place finds its member on each
   * version, and on the target at another class than the finding's {@code owner}: the matcher
   * reaches {@code Strategy.on_order_filled} through the owner's subclass, but {@code Strategy}
   * defines it itself, so {@code Actor} losing it breaks nothing there. A use the old model does
   * not find, or that changes kind, says nothing.
   */
  private static boolean elsewhere(
      FileUses file, Site d, String owner, ApiModel old, ApiModel neu) {
    if (file == null || owner == null || old == null || neu == null) {
      return false;
    }
    List<Use> at = ModelJudge.usesAt(file, d);
    for (Use u : at) {
      String member = u.target().substring(u.target().lastIndexOf('.') + 1);
      if (!(old.resolve(u.target()) instanceof ApiModel.Found a)
          || !(neu.resolve(u.target()) instanceof ApiModel.Found b)
          || !a.complete()
          || !b.complete()
          || !MEMBER_KINDS.contains(b.kind())
          || !a.kind().equals(b.kind())
          || !b.path().endsWith("." + member)
          || b.path().equals(owner + "." + member)) {
        return false;
      }
    }
    return !at.isEmpty();
  }

  /** What a class member resolves to (not a class, whose constructor may be the owner's). */
  private static final Set<String> MEMBER_KINDS = Set.of("method", "property", "attribute");

  /** Whether a finding may only confirm a note's site, never make one (see the class comment). */
  private static boolean confirmsOnly(ApiChange a) {
    return a.type() == ApiChange.Type.PARAMETER_REQUIRED
        || a.type() == ApiChange.Type.DEFAULT_CHANGED;
  }

  /**
   * One diff site per place: a certain one before a possible one, one with a fix before one
   * without, a name's finding before its module's (the name's import is the more precise fix).
   */
  private static List<Site> best(List<Site> sites, List<ApiChange> usable) {
    Map<String, Site> out = new LinkedHashMap<>();
    // A name's own finding before its module's, even without a fix: the module's replacement
    // holds the names that moved there, not one that is gone (`model.orders.Order`, 2.0.0rc7).
    Comparator<Site> order =
        Comparator.comparing((Site s) -> s.certainty() == Certainty.CERTAIN ? 0 : 1)
            .thenComparing(
                s -> usable.get(s.change()).type() == ApiChange.Type.MODULE_REMOVED ? 1 : 0)
            .thenComparing(s -> s.fix() == null ? 1 : 0);
    sites.stream().sorted(order).forEach(s -> out.putIfAbsent(line(s) + ":" + s.column(), s));
    return List.copyOf(out.values());
  }

  /** The note sites on the diff site's line: certain now, with the diff's evidence. */
  private static void confirm(List<Site> sites, Site d, ApiChange a) {
    for (int i = 0; i < sites.size(); i++) {
      Site s = sites.get(i);
      if (line(s).equals(line(d)) && s.evidence() == null) {
        sites.set(
            i,
            s.judged(
                Certainty.CERTAIN,
                s.fix() != null ? s.fix() : d.fix(),
                "the API diff agrees: " + a.evidence()));
      }
    }
  }

  private static String line(Site s) {
    return s.cell() + ":" + s.line();
  }

  /** An affected file of these sites, its severity the worst of theirs. */
  static AffectedFile file(String path, List<Site> sites, List<BreakingChange> changes) {
    Severity worst = Severity.LOW;
    for (Site s : sites) {
      Severity sev = ImpactMatcher.severity(changes.get(s.change()), s.match());
      worst = Severity.worst(worst, sev == null ? Severity.LOW : sev);
    }
    return new AffectedFile(path, worst, sites.stream().sorted(ImpactMatcher.SITE_ORDER).toList());
  }
}

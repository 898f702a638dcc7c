package nautilus.autoupdate.fix;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import nautilus.autoupdate.fix.FixOutcome.Covered;
import nautilus.autoupdate.fix.FixOutcome.Edits;
import nautilus.autoupdate.fix.FixOutcome.Skipped;
import nautilus.autoupdate.impact.Certainty;
import nautilus.autoupdate.impact.MatchKind;
import nautilus.autoupdate.impact.Site;
import nautilus.autoupdate.notes.BreakingChange;
import nautilus.autoupdate.notes.ChangeKind;
import org.treesitter.TSNode;

/**
 * Plans and applies the fixes of one file: Python sources, notebook code cells, or config files
 * (import paths in strings only). Sites that share an import statement are planned together; sites
 * whose edits collide are refused; the result must parse with no more errors than before.
 */
final class FileFixer {
  /** One file's outcome: the new content (same array when nothing changed) and every site. */
  record FileResult(byte[] after, List<SiteResult> sites) {}

  /** Sites planned together and their outcome. */
  private static final class Group {
    final List<Site> sites = new ArrayList<>();
    FixOutcome outcome;
    Set<Integer> changes = new TreeSet<>();
    String conflict;
    boolean isImport;
  }

  private final List<BreakingChange> changes;
  private final List<Target> allTargets;
  private final boolean exact;

  /**
   * @param exact re-check mode: a use site must sit exactly on the old identifier (see {@link
   *     UseRule})
   */
  FileFixer(List<BreakingChange> changes, boolean exact) {
    this.changes = changes;
    this.exact = exact;
    List<Target> all = new ArrayList<>();
    for (int i = 0; i < changes.size(); i++) {
      all.addAll(Target.of(i, changes.get(i)));
    }
    this.allTargets = List.copyOf(all);
  }

  FileResult fix(String path, byte[] content, List<Site> sites) {
    String lower = path.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".ipynb")) {
      return fixNotebook(content, sites);
    }
    boolean python = lower.endsWith(".py") || lower.endsWith(".pyi");
    return fixText(content, sites, python);
  }

  private FileResult fixNotebook(byte[] content, List<Site> sites) {
    Notebook nb;
    try {
      nb = Notebook.parse(new String(content, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      return allSkipped(content, sites, e.getMessage());
    }
    Map<Notebook.Cell, List<Site>> byCell = new LinkedHashMap<>();
    List<SiteResult> results = new ArrayList<>();
    for (Site s : sites) {
      Notebook.Cell cell = cellOf(nb, s);
      if (cell == null) {
        results.add(SiteResult.skipped(s, "no code cell " + s.cell() + " in the notebook"));
      } else {
        byCell.computeIfAbsent(cell, c -> new ArrayList<>()).add(s);
      }
    }
    // Replace cells last to first so earlier spans stay valid.
    List<Notebook.Cell> order = new ArrayList<>(byCell.keySet());
    order.sort((a, b) -> Integer.compare(b.index(), a.index()));
    String json = nb.json();
    for (Notebook.Cell cell : order) {
      byte[] cellBytes = cell.source().getBytes(StandardCharsets.UTF_8);
      FileResult r = fixText(cellBytes, byCell.get(cell), true);
      results.addAll(r.sites());
      if (r.after() != cellBytes) {
        try {
          Notebook current = Notebook.parse(json);
          json =
              current.withSource(
                  current.cells().get(cell.codeIndex()),
                  new String(r.after(), StandardCharsets.UTF_8));
        } catch (IOException | IllegalArgumentException e) {
          return allSkipped(content, sites, "could not rewrite the cell: " + e.getMessage());
        }
      }
    }
    byte[] after = json.equals(nb.json()) ? content : json.getBytes(StandardCharsets.UTF_8);
    return new FileResult(after, results);
  }

  /**
   * The cell a site names: by code-cell index, unless only the all-cells index makes the site's
   * code appear on its line (analyzers differ on which index they report).
   */
  private static Notebook.Cell cellOf(Notebook nb, Site s) {
    if (s.cell() == null) {
      return null;
    }
    Notebook.Cell byCode = s.cell() < nb.cells().size() ? nb.cells().get(s.cell()) : null;
    if (byCode != null && (s.code() == null || lineHas(byCode, s.line(), s.code()))) {
      return byCode;
    }
    for (Notebook.Cell c : nb.cells()) {
      if (c.index() == s.cell() && lineHas(c, s.line(), s.code())) {
        return c;
      }
    }
    return byCode;
  }

  private static boolean lineHas(Notebook.Cell c, int line, String code) {
    List<String> lines = Notebook.splitLines(c.source());
    return line >= 1 && line <= lines.size() && lines.get(line - 1).contains(code.strip());
  }

  private FileResult fixText(byte[] content, List<Site> sites, boolean python) {
    PySource src;
    try {
      src = python ? PySource.parse(content) : PySource.lines(content);
    } catch (IllegalArgumentException e) {
      return allSkipped(content, sites, "the file is " + e.getMessage());
    }
    List<SiteResult> results = new ArrayList<>();
    Map<Integer, Group> importGroups = new LinkedHashMap<>();
    Map<Integer, TSNode> importNodes = new LinkedHashMap<>();
    List<Group> groups = new ArrayList<>();
    UseRule useRule = python ? new UseRule(src, exact) : null;
    ConfigStringRule configRule = new ConfigStringRule(src, python);
    for (Site s : sites) {
      String reason = precheck(s);
      if (reason != null) {
        results.add(SiteResult.skipped(s, reason));
        continue;
      }
      List<Target> targets = Target.of(s.change(), changes.get(s.change()));
      int offset = src.offsetOf(s.line(), s.column());
      TSNode stmt = python ? importAt(src, offset) : null;
      if (stmt != null) {
        Group g = importGroups.computeIfAbsent(src.start(stmt), k -> new Group());
        g.isImport = true;
        importNodes.put(src.start(stmt), stmt);
        g.sites.add(s);
        continue;
      }
      Group g = new Group();
      g.sites.add(s);
      if (s.match() == MatchKind.CONFIG_STRING) {
        g.outcome =
            firstOf(
                targets,
                t -> {
                  FixOutcome o = configRule.plan(offset, t);
                  return o instanceof Skipped ? configRule.planValue(offset, t) : o;
                });
      } else if (!python) {
        g.outcome = firstOf(targets, t -> configRule.planKey(offset, t));
      } else {
        g.outcome = firstOf(targets, t -> useRule.plan(offset, s.match(), t));
      }
      g.changes.add(s.change());
      groups.add(g);
    }
    ImportRule importRule = python ? new ImportRule(src, allTargets) : null;
    // In source order, so later imports that move to the same module merge into the first.
    Map<String, TSNode> firstInto = new LinkedHashMap<>();
    for (Integer start : new TreeSet<>(importGroups.keySet())) {
      Group g = importGroups.get(start);
      TSNode stmt = importNodes.get(start);
      List<Target> targets = new ArrayList<>();
      g.sites.stream()
          .map(Site::change)
          .distinct()
          .forEach(c -> targets.addAll(Target.of(c, changes.get(c))));
      ImportRule.Plan plan = importRule.plan(stmt, targets, null);
      if (plan.wholeTo() != null) {
        String key = src.start(stmt.getParent()) + " " + plan.wholeTo();
        TSNode first = firstInto.putIfAbsent(key, stmt);
        if (first != null) {
          plan = importRule.plan(stmt, targets, first);
        }
      }
      g.outcome = plan.outcome();
      g.changes = plan.changes();
      groups.add(g);
    }
    refuseConflicts(groups);

    List<TextEdit> edits = new ArrayList<>();
    Set<Integer> editedImports = new TreeSet<>();
    for (Map.Entry<Integer, Group> e : importGroups.entrySet()) {
      if (e.getValue().conflict == null && e.getValue().outcome instanceof Edits) {
        editedImports.add(e.getKey());
      }
    }
    for (Group g : groups) {
      if (g.conflict == null && g.outcome instanceof Edits ed) {
        edits.addAll(ed.edits());
      }
    }
    Map<String, Integer> bindings = python ? bindings(src) : Map.of();
    edits = EditApplier.normalize(edits);
    byte[] after = edits.isEmpty() ? content : EditApplier.apply(content, edits);
    if (python && after != content) {
      int before = src.errorCount();
      int now = PySource.parse(after).errorCount();
      if (now > before) {
        return allSkipped(
            content,
            sites,
            "the edits would add " + (now - before) + " parse error(s); left for a person");
      }
    }
    PySource out = PySource.lines(after);
    for (Group g : groups) {
      for (Site s : g.sites) {
        results.add(resolve(g, s, src, out, edits, bindings, editedImports));
      }
    }
    return new FileResult(after, results);
  }

  private SiteResult resolve(
      Group g,
      Site s,
      PySource src,
      PySource out,
      List<TextEdit> all,
      Map<String, Integer> bindings,
      Set<Integer> editedImports) {
    if (g.conflict != null) {
      return SiteResult.skipped(s, g.conflict);
    }
    int offset = src.offsetOf(s.line(), s.column());
    int mapped = EditApplier.mapSorted(offset, all);
    if (g.outcome instanceof Skipped sk) {
      return SiteResult.skipped(s, sk.reason());
    }
    if (!g.changes.contains(s.change())) {
      return SiteResult.skipped(s, "no name of this import matches the change");
    }
    if (g.outcome instanceof Covered c) {
      Integer binder = bindings.get(c.binding());
      if (binder == null || !editedImports.contains(binder)) {
        return SiteResult.skipped(
            s,
            "nothing to edit here, but the import that binds `"
                + c.binding()
                + "` is not rewritten");
      }
      String line = src.linesText(offset, offset);
      return new SiteResult(
          s,
          true,
          true,
          line,
          line,
          c.reason(),
          out.lineOf(mapped),
          out.columnOf(mapped),
          List.of(
              new SiteResult.Span(
                  out.lineOf(mapped),
                  out.columnOf(mapped),
                  out.lineOf(mapped),
                  out.columnOf(mapped))));
    }
    List<TextEdit> edits = EditApplier.normalize(((Edits) g.outcome).edits());
    List<String> before = new ArrayList<>();
    List<String> after = new ArrayList<>();
    List<SiteResult.Span> spans = new ArrayList<>();
    for (TextEdit e : edits) {
      before.add(
          e.startByte() == e.endByte() && src.onlyBlankBefore(e.startByte())
              ? ""
              : src.linesText(e.startByte(), e.endByte()));
      int ns = EditApplier.mapSorted(e.startByte(), all);
      int ne = ns + e.replacement().getBytes(StandardCharsets.UTF_8).length;
      int last = Math.max(ns, ne - 1);
      spans.add(
          new SiteResult.Span(
              out.lineOf(ns), out.columnOf(ns), out.lineOf(last), out.columnOf(last)));
      boolean wholeLinesGone =
          e.replacement().isEmpty()
              && src.onlyBlankBefore(e.startByte())
              && src.lineStart(e.endByte()) == e.endByte();
      after.add(wholeLinesGone ? "" : out.linesText(ns, ne));
    }
    // A use is re-checked where its identifier now stands; an import at its statement.
    int anchor = g.isImport ? mapped : EditApplier.mapSorted(edits.get(0).startByte(), all);
    return new SiteResult(
        s,
        true,
        false,
        joinNonEmpty(before),
        joinNonEmpty(after),
        null,
        out.lineOf(anchor),
        out.columnOf(anchor),
        spans);
  }

  private static String joinNonEmpty(List<String> parts) {
    return String.join("\n", parts.stream().filter(p -> !p.isEmpty()).distinct().toList());
  }

  /** Two groups whose distinct edits touch the same span: neither is applied. */
  private void refuseConflicts(List<Group> groups) {
    for (int i = 0; i < groups.size(); i++) {
      for (int j = i + 1; j < groups.size(); j++) {
        Group a = groups.get(i);
        Group b = groups.get(j);
        if (a.outcome instanceof Edits ea && b.outcome instanceof Edits eb && conflict(ea, eb)) {
          a.conflict = conflictReason(b);
          b.conflict = conflictReason(a);
        }
      }
    }
  }

  private static boolean conflict(Edits a, Edits b) {
    for (TextEdit x : a.edits()) {
      for (TextEdit y : b.edits()) {
        if (x.conflictsWith(y)) {
          return true;
        }
      }
    }
    return false;
  }

  private String conflictReason(Group other) {
    Site s = other.sites.get(0);
    return "refused: change #"
        + s.change()
        + " at line "
        + s.line()
        + " edits the same span differently";
  }

  /** Why a site is not even tried, or null. */
  private String precheck(Site s) {
    if (s.certainty() == Certainty.POSSIBLE) {
      return "a possible site (not proven to reach the changed name) is never edited automatically";
    }
    if (s.change() < 0 || s.change() >= changes.size()) {
      return "the site names change #" + s.change() + ", which the report does not have";
    }
    BreakingChange c = changes.get(s.change());
    if (!Target.mechanical(c.kind())) {
      return "a " + c.kind().id() + " change is not a mechanical rewrite";
    }
    List<Target> targets = Target.of(s.change(), c);
    if (targets.isEmpty()) {
      return "the note names no replacement";
    }
    // The parser's auto_fixable is a guess from the wording; a rename or move with a named
    // replacement, a module path, or a property/method swap is mechanical whatever it says.
    boolean mechanicalAnyway =
        c.kind() == ChangeKind.RENAME
            || c.kind() == ChangeKind.MOVE
            || targets.stream()
                .allMatch(t -> t.looksLikeModule() || t.propertyToMethod() || t.methodToProperty());
    if (!c.autoFixable() && !mechanicalAnyway) {
      return "the note does not describe a mechanical rewrite (not auto-fixable)";
    }
    return null;
  }

  /** Each name an import binds (`m` of `import a.b as m`, `a` of `import a.b`) -> its start. */
  private static Map<String, Integer> bindings(PySource src) {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (TSNode stmt :
        src.find(
            src.root(),
            x ->
                "import_from_statement".equals(x.getType())
                    || "import_statement".equals(x.getType()))) {
      for (TSNode n : PySource.fieldChildren(stmt, "name")) {
        String bound;
        if ("aliased_import".equals(n.getType())) {
          bound = src.text(n.getChildByFieldName("alias"));
        } else {
          String dotted = src.text(n);
          bound = dotted.contains(".") ? dotted.substring(0, dotted.indexOf('.')) : dotted;
        }
        out.put(bound, src.start(stmt));
      }
    }
    return out;
  }

  /** The import statement at the offset, or one that starts on the offset's line. */
  private static TSNode importAt(PySource src, int offset) {
    TSNode n = PySource.ancestor(src.nodeAt(offset), "import_from_statement", "import_statement");
    if (n != null) {
      return n;
    }
    List<TSNode> found =
        src.startingIn(
            src.lineStart(offset),
            src.lineEnd(offset),
            x ->
                "import_from_statement".equals(x.getType())
                    || "import_statement".equals(x.getType()));
    return found.isEmpty() ? null : found.get(0);
  }

  private static FixOutcome firstOf(
      List<Target> targets, java.util.function.Function<Target, FixOutcome> rule) {
    FixOutcome covered = null;
    FixOutcome skipped = null;
    for (Target t : targets) {
      FixOutcome o = rule.apply(t);
      if (o instanceof Edits) {
        return o;
      }
      if (o instanceof Covered && covered == null) {
        covered = o;
      }
      if (o instanceof Skipped && skipped == null) {
        skipped = o;
      }
    }
    return covered != null ? covered : skipped;
  }

  private static FileResult allSkipped(byte[] content, List<Site> sites, String reason) {
    return new FileResult(content, sites.stream().map(s -> SiteResult.skipped(s, reason)).toList());
  }
}

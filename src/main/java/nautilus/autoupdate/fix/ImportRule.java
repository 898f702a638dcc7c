package nautilus.autoupdate.fix;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import nautilus.autoupdate.fix.FixOutcome.Edits;
import nautilus.autoupdate.fix.FixOutcome.Skipped;
import org.treesitter.TSNode;

/**
 * Rewrites one import statement for the changes that reach it: a moved module (or package above
 * it), a moved or renamed name, keeping {@code as} aliases. When only some names move, it splits
 * the statement; when the target module is already imported in the same block, it merges there.
 */
final class ImportRule {
  /** A name in a from-import: its node (dotted_name or aliased_import), name and alias. */
  private record Imported(TSNode node, TSNode nameNode, String name, String alias) {
    String rendered(String newName) {
      return alias == null || alias.equals(newName) ? newName : newName + " as " + alias;
    }
  }

  /** Where an imported name goes: its new module and name. */
  private record Dest(String module, String name, int change) {}

  /** The edits plus the changes that took part, so sites of other changes are not credited. */
  record Plan(FixOutcome outcome, Set<Integer> changes, String wholeTo) {
    Plan(FixOutcome outcome, Set<Integer> changes) {
      this(outcome, changes, null);
    }
  }

  private final PySource src;
  private final List<Target> fileTargets;

  /**
   * @param fileTargets every target of the report, to check that all uses of a module alias move
   */
  ImportRule(PySource src, List<Target> fileTargets) {
    this.src = src;
    this.fileTargets = fileTargets;
  }

  /**
   * @param mergeTarget when not null, an earlier import whose module becomes the same target: this
   *     statement merges into it instead of becoming a second import of that module
   */
  Plan plan(TSNode stmt, List<Target> targets, TSNode mergeTarget) {
    return "import_from_statement".equals(stmt.getType())
        ? planFrom(stmt, targets, mergeTarget)
        : planImport(stmt, targets);
  }

  private Plan planFrom(TSNode stmt, List<Target> targets, TSNode mergeTarget) {
    TSNode moduleNode = stmt.getChildByFieldName("module_name");
    if (moduleNode == null || moduleNode.isNull() || !"dotted_name".equals(moduleNode.getType())) {
      return skip("a relative import names our own module, not the upstream one");
    }
    String module = src.text(moduleNode);
    List<Imported> names = new ArrayList<>();
    for (TSNode n : PySource.fieldChildren(stmt, "name")) {
      if ("aliased_import".equals(n.getType())) {
        TSNode nm = n.getChildByFieldName("name");
        names.add(new Imported(n, nm, src.text(nm), src.text(n.getChildByFieldName("alias"))));
      } else {
        names.add(new Imported(n, n, src.text(n), null));
      }
    }
    if (names.isEmpty()) {
      // `from m import *`: only a module move can be followed.
      for (Target t : targets) {
        String moved = t.movedModule(module);
        if (moved != null && !t.flattens()) {
          return new Plan(
              new Edits(
                  List.of(TextEdit.replace(src.start(moduleNode), src.end(moduleNode), moved))),
              Set.of(t.change()));
        }
      }
      return skip("a star import of a changed module cannot be rewritten safely");
    }

    Map<Imported, Dest> dests = new LinkedHashMap<>();
    for (Imported im : names) {
      Dest dest = null;
      for (Target t : targets) {
        Dest d = destOf(module, im.name(), t);
        if (d == null) {
          continue;
        }
        if (d.module() == null) {
          return skip(
              "`"
                  + im.name()
                  + "` is a submodule of "
                  + t.old()
                  + ", which was flattened into "
                  + t.replacement());
        }
        if (dest != null && !(dest.module().equals(d.module()) && dest.name().equals(d.name()))) {
          return skip("two changes rewrite `" + im.name() + "` differently");
        }
        dest = d;
      }
      if (dest != null) {
        dests.put(im, dest);
      }
    }
    if (dests.isEmpty()) {
      return skip("no name of this import matches the change");
    }
    Set<Integer> used = new TreeSet<>();
    dests.values().forEach(d -> used.add(d.change()));

    List<TextEdit> edits = new ArrayList<>();
    Map<String, List<String>> movedByModule = new LinkedHashMap<>();
    List<Imported> moved = new ArrayList<>();
    for (Imported im : names) {
      Dest d = dests.get(im);
      if (d == null) {
        continue;
      }
      if (d.module().equals(module)) {
        edits.add(
            TextEdit.replace(src.start(im.node()), src.end(im.node()), im.rendered(d.name())));
      } else {
        moved.add(im);
        movedByModule
            .computeIfAbsent(d.module(), k -> new ArrayList<>())
            .add(im.rendered(d.name()));
      }
    }
    if (moved.isEmpty()) {
      return new Plan(new Edits(edits), used);
    }

    boolean allMove = moved.size() == names.size() && movedByModule.size() == 1;
    if (allMove) {
      String target = movedByModule.keySet().iterator().next();
      TSNode existing = mergeTarget != null ? mergeTarget : existingFromImport(stmt, target);
      if (existing != null && ownsItsLines(stmt)) {
        edits.clear();
        edits.add(
            TextEdit.delete(src.lineStart(src.start(stmt)), src.nextLineStart(src.end(stmt))));
        edits.addAll(mergeInto(existing, movedByModule.get(target)));
        return new Plan(new Edits(edits), used);
      }
      edits.add(TextEdit.replace(src.start(moduleNode), src.end(moduleNode), target));
      for (Imported im : moved) {
        String newName = dests.get(im).name();
        if (!newName.equals(im.name())) {
          edits.add(TextEdit.replace(src.start(im.nameNode()), src.end(im.nameNode()), newName));
        }
      }
      return new Plan(new Edits(edits), used, ownsItsLines(stmt) ? target : null);
    }

    if (!ownsItsLines(stmt)) {
      return skip("the import shares its line with other code; splitting it needs a person");
    }
    edits.addAll(removeNames(stmt, names, moved));
    StringBuilder added = new StringBuilder();
    for (Map.Entry<String, List<String>> e : movedByModule.entrySet()) {
      TSNode existing = existingFromImport(stmt, e.getKey());
      if (existing != null) {
        edits.addAll(mergeInto(existing, e.getValue()));
      } else {
        added
            .append(src.indentOf(src.start(stmt)))
            .append("from ")
            .append(e.getKey())
            .append(" import ")
            .append(String.join(", ", e.getValue()))
            .append(src.newline());
      }
    }
    if (added.length() > 0) {
      edits.add(insertAfterLine(src.end(stmt), added.toString()));
    }
    return new Plan(new Edits(edits), used);
  }

  /** Where {@code name} imported from {@code module} goes under {@code t}, or null if untouched. */
  private static Dest destOf(String module, String name, Target t) {
    String moved = t.movedModule(module);
    if (moved != null) {
      if (t.flattens() && isModuleLike(name) && !module.equals(t.old())) {
        return new Dest(null, name, t.change());
      }
      return new Dest(moved, name, t.change());
    }
    String qualified = module + "." + name;
    if (t.old().equals(qualified)) {
      if (t.looksLikeModule() && t.flattens()) {
        return new Dest(null, name, t.change());
      }
      String owner = t.newOwner();
      return new Dest(owner.isEmpty() ? module : owner, t.newLast(), t.change());
    }
    if (!t.old().contains(".") && t.old().equals(name) && !t.replacement().contains(".")) {
      return new Dest(module, t.replacement(), t.change());
    }
    return null;
  }

  private static boolean isModuleLike(String name) {
    return name.equals(name.toLowerCase(Locale.ROOT));
  }

  private Plan planImport(TSNode stmt, List<Target> targets) {
    List<TextEdit> edits = new ArrayList<>();
    Set<Integer> used = new TreeSet<>();
    String firstReason = null;
    for (TSNode n : PySource.fieldChildren(stmt, "name")) {
      TSNode dotted = "aliased_import".equals(n.getType()) ? n.getChildByFieldName("name") : n;
      String alias =
          "aliased_import".equals(n.getType()) ? src.text(n.getChildByFieldName("alias")) : null;
      String module = src.text(dotted);
      for (Target t : targets) {
        String moved = t.movedModule(module);
        if (moved != null) {
          if (alias == null) {
            // Uses spell the full path (`a.b.c.X`); they are sites of their own.
            if (t.flattens()) {
              firstReason =
                  Objects.requireNonNullElse(
                      firstReason,
                      "`import " + module + "` without an alias: its flattened uses need a person");
              continue;
            }
          }
          edits.add(TextEdit.replace(src.start(dotted), src.end(dotted), moved));
          used.add(t.change());
        } else if (alias != null
            && t.old().startsWith(module + ".")
            && !t.old().substring(module.length() + 1).contains(".")) {
          // `import a.b as m` and a class moved out of a.b: follow only if every `m.X` moves too.
          String target = t.newOwner();
          if (allAliasUsesMoveTo(alias, module, target)) {
            edits.add(TextEdit.replace(src.start(dotted), src.end(dotted), target));
            used.add(t.change());
          } else {
            firstReason =
                Objects.requireNonNullElse(
                    firstReason,
                    "other names used as `"
                        + alias
                        + ".X` stay in "
                        + module
                        + "; import "
                        + target
                        + " by hand");
          }
        }
      }
    }
    if (edits.isEmpty()) {
      return skip(
          firstReason == null ? "no module of this import matches the change" : firstReason);
    }
    return new Plan(new Edits(edits), used);
  }

  private boolean allAliasUsesMoveTo(String alias, String module, String target) {
    List<TSNode> uses =
        src.find(
            src.root(),
            n -> {
              if (!"attribute".equals(n.getType())) {
                return false;
              }
              TSNode obj = n.getChildByFieldName("object");
              return "identifier".equals(obj.getType()) && alias.equals(src.text(obj));
            });
    if (uses.isEmpty()) {
      return false;
    }
    for (TSNode use : uses) {
      String member = src.text(use.getChildByFieldName("attribute"));
      boolean moves =
          fileTargets.stream()
              .anyMatch(
                  t ->
                      t.old().equals(module + "." + member)
                          && t.replacement().equals(target + "." + member));
      if (!moves) {
        return false;
      }
    }
    return true;
  }

  /** Another `from target import ...` in the same block (same parent), not a star import. */
  private TSNode existingFromImport(TSNode stmt, String target) {
    for (TSNode c : PySource.children(stmt.getParent())) {
      if (!"import_from_statement".equals(c.getType()) || PySource.same(c, stmt)) {
        continue;
      }
      TSNode m = c.getChildByFieldName("module_name");
      if (m != null
          && !m.isNull()
          && target.equals(src.text(m))
          && !PySource.fieldChildren(c, "name").isEmpty()
          && ownsItsLines(c)) {
        return c;
      }
    }
    return null;
  }

  /** Adds names to an existing from-import, after its last name, in that import's style. */
  private List<TextEdit> mergeInto(TSNode existing, List<String> rendered) {
    List<TSNode> present = PySource.fieldChildren(existing, "name");
    List<String> have = present.stream().map(src::text).toList();
    List<String> add = rendered.stream().filter(r -> !have.contains(r)).distinct().toList();
    if (add.isEmpty()) {
      return List.of();
    }
    TSNode last = present.get(present.size() - 1);
    TSNode next = last.getNextSibling();
    boolean trailingComma = next != null && !next.isNull() && ",".equals(next.getType());
    boolean multiline = src.lineOf(src.start(existing)) != src.lineOf(src.end(existing));
    if (multiline && trailingComma && src.onlyBlankBefore(src.start(last))) {
      StringBuilder lines = new StringBuilder();
      for (String a : add) {
        lines.append(src.indentOf(src.start(last))).append(a).append(',').append(src.newline());
      }
      return List.of(insertAfterLine(src.end(next), lines.toString()));
    }
    if (trailingComma) {
      return List.of(TextEdit.insert(src.end(next), " " + String.join(", ", add) + ","));
    }
    return List.of(TextEdit.insert(src.end(last), ", " + String.join(", ", add)));
  }

  /**
   * Deletes the moved names from the statement: a name alone on its line loses the line, others
   * lose themselves and one adjoining comma, so the remaining layout and comments stay.
   */
  private List<TextEdit> removeNames(TSNode stmt, List<Imported> names, List<Imported> moved) {
    List<TextEdit> edits = new ArrayList<>();
    int lastKept = -1;
    for (int i = 0; i < names.size(); i++) {
      if (!moved.contains(names.get(i))) {
        lastKept = i;
      }
    }
    List<Imported> tail = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      Imported im = names.get(i);
      if (!moved.contains(im)) {
        continue;
      }
      int start = src.start(im.node());
      TSNode next = im.node().getNextSibling();
      boolean comma = next != null && !next.isNull() && ",".equals(next.getType());
      int afterComma = comma ? src.end(next) : src.end(im.node());
      if (src.onlyBlankBefore(start) && restOfLineIsBlank(afterComma)) {
        edits.add(TextEdit.delete(src.lineStart(start), src.nextLineStart(start)));
      } else if (i < lastKept && comma) {
        int to = afterComma;
        while (src.at(to) == ' ' || src.at(to) == '\t') {
          to++;
        }
        edits.add(TextEdit.delete(start, to));
      } else {
        tail.add(im);
      }
    }
    if (!tail.isEmpty()) {
      // Names after the last kept one go with the comma that precedes them.
      int from = src.end(names.get(lastKept).node());
      Imported lastTail = tail.get(tail.size() - 1);
      int to = src.end(lastTail.node());
      edits.removeIf(e -> e.startByte() < to && e.endByte() > from);
      edits.add(TextEdit.delete(from, to));
    }
    return edits;
  }

  /** Only spaces, a comma, or a comment until the end of the line. */
  private boolean restOfLineIsBlank(int offset) {
    String rest = src.text(offset, src.lineEnd(offset)).trim();
    return rest.isEmpty() || rest.startsWith("#");
  }

  private boolean ownsItsLines(TSNode stmt) {
    return src.onlyBlankBefore(src.start(stmt)) && restOfLineIsBlank(src.end(stmt));
  }

  /** Inserts whole lines after the line holding {@code offset} (adding a newline at EOF). */
  private TextEdit insertAfterLine(int offset, String lines) {
    int at = src.nextLineStart(offset);
    int lineEnd = src.lineEnd(offset);
    if (at == lineEnd) {
      // The last line has no terminator: give it one before the new lines.
      String nl = src.newline();
      return TextEdit.insert(at, nl + lines.substring(0, lines.length() - nl.length()));
    }
    return TextEdit.insert(at, lines);
  }

  private static Plan skip(String reason) {
    return new Plan(new Skipped(reason), Set.of());
  }
}

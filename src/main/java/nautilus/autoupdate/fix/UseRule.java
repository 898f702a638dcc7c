package nautilus.autoupdate.fix;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import nautilus.autoupdate.fix.FixOutcome.Covered;
import nautilus.autoupdate.fix.FixOutcome.Edits;
import nautilus.autoupdate.fix.FixOutcome.Skipped;
import nautilus.autoupdate.impact.MatchKind;
import org.treesitter.TSNode;

/**
 * Fixes one use of a changed name outside imports: a renamed name, attribute, method, enum member,
 * keyword argument or overriding method; a module path spelled out in an attribute chain; a
 * property that became a method, and the reverse. Edits only the identifier at the site.
 */
final class UseRule {
  private final PySource src;
  private final boolean exact;

  /**
   * @param exact accept only the identifier exactly at the site (the re-check, which must not
   *     mistake a look-alike on the same line for the fixed use)
   */
  UseRule(PySource src, boolean exact) {
    this.src = src;
    this.exact = exact;
  }

  FixOutcome plan(int offset, MatchKind kind, Target t) {
    if (t.looksLikeModule()) {
      FixOutcome chain = planModuleChain(offset, t);
      if (chain != null) {
        return chain;
      }
      if (locate(offset, t.oldLast(), kind) == null) {
        TSNode at = src.nodeAt(offset);
        return at != null && "identifier".equals(at.getType())
            ? new Covered("the module is reached through an import alias", rootName(at))
            : new Skipped("no spelled-out `" + t.old() + "` at the site");
      }
      // Otherwise a lower-case name used by itself: a module-level function or a submodule.
    }
    boolean pureMove = t.oldLast().equals(t.newLast());
    if (!pureMove && !t.renamesMember()) {
      return new Skipped(
          "`"
              + t.old()
              + "` moved to another owner (`"
              + t.replacement()
              + "`); needs restructuring");
    }
    TSNode id = locate(offset, t.oldLast(), kind);
    if (id == null) {
      TSNode at = src.nodeAt(offset);
      return pureMove && at != null && "identifier".equals(at.getType())
          ? new Covered("the name is unchanged; the import edit moves it", rootName(at))
          : new Skipped(
              "no `" + t.oldLast() + "` at the site (an alias? the import edit covers it)");
    }
    TSNode parent = id.getParent();
    String role = roleOf(id);
    if (role.equals("bare") && shadowed(id, t.oldLast())) {
      return new Skipped("`" + t.oldLast() + "` is bound locally here, not the upstream name");
    }
    if (role.equals("parameter")) {
      return new Skipped("`" + t.oldLast() + "` is a parameter of our own function");
    }
    List<TextEdit> edits = new ArrayList<>();
    if (!pureMove) {
      edits.add(TextEdit.replace(src.start(id), src.end(id), t.newLast()));
    }
    if (t.propertyToMethod() || t.methodToProperty()) {
      if (!role.equals("attribute")) {
        return new Skipped("a property/method change applies to attribute uses only");
      }
      TSNode call = parent.getParent();
      boolean called =
          call != null
              && "call".equals(call.getType())
              && PySource.same(call.getChildByFieldName("function"), parent);
      if (t.propertyToMethod()) {
        if (called) {
          return new Skipped("already called; nothing to add");
        }
        if (isAssignmentTarget(parent)) {
          return new Skipped("assigns to the property; a method cannot be assigned");
        }
        edits.add(TextEdit.insert(src.end(parent), "()"));
      } else {
        if (!called) {
          return new Skipped("not called here; nothing to remove");
        }
        TSNode args = call.getChildByFieldName("arguments");
        if (args.getNamedChildCount() > 0) {
          return new Skipped("called with arguments; a property takes none");
        }
        edits.add(TextEdit.delete(src.start(args), src.end(args)));
      }
    }
    if (edits.isEmpty()) {
      return new Covered("the name is unchanged; the import edit moves it", rootName(id));
    }
    return new Edits(edits);
  }

  /** A module path spelled out in code (`a.b.c.X` after `import a.b.c`); null if none. */
  private FixOutcome planModuleChain(int offset, Target t) {
    List<TSNode> chains =
        src.startingIn(
            src.lineStart(offset),
            src.lineEnd(offset),
            n ->
                "attribute".equals(n.getType())
                    && src.text(n).replaceAll("\\s", "").equals(t.old()));
    if (chains.isEmpty()) {
      return null;
    }
    if (t.flattens()) {
      return new Skipped("a spelled-out path into a flattened package needs a person");
    }
    TSNode chain = nearest(chains, offset);
    return new Edits(List.of(TextEdit.replace(src.start(chain), src.end(chain), t.replacement())));
  }

  /**
   * The identifier named {@code name} at the site: exactly there, else on its line (or in its
   * statement), preferring the role the match kind names (a keyword for kwarg sites...).
   */
  TSNode locate(int offset, String name, MatchKind kind) {
    TSNode at = src.nodeAt(offset);
    if (at != null && "identifier".equals(at.getType()) && name.equals(src.text(at))) {
      return at;
    }
    if (exact) {
      return null;
    }
    List<TSNode> found =
        preferred(identifiers(name, src.lineStart(offset), src.lineEnd(offset)), kind);
    if (found.isEmpty()) {
      // A multi-line statement reported at its first line.
      TSNode stmt = statementOf(at);
      if (stmt != null) {
        found = preferred(identifiers(name, src.start(stmt), src.end(stmt)), kind);
      }
    }
    if (found.isEmpty()) {
      return null;
    }
    List<TSNode> after = found.stream().filter(n -> src.start(n) >= offset).toList();
    return after.isEmpty() ? nearest(found, offset) : after.get(0);
  }

  private static List<TSNode> preferred(List<TSNode> found, MatchKind kind) {
    String role =
        switch (kind) {
          case KWARG -> "keyword";
          case OVERRIDE -> "definition";
          case ATTRIBUTE -> "attribute";
          default -> null;
        };
    List<TSNode> inRole = found.stream().filter(n -> roleOf(n).equals(role)).toList();
    return inRole.isEmpty() ? found : inRole;
  }

  /** The name a use starts with: `m` of `m.C.x`, or the identifier itself. */
  private String rootName(TSNode id) {
    TSNode cur = id;
    while ("attribute".equals(cur.getParent().getType())
        && PySource.same(cur.getParent().getChildByFieldName("attribute"), cur)) {
      cur = cur.getParent().getChildByFieldName("object");
      while ("attribute".equals(cur.getType())) {
        cur = cur.getChildByFieldName("object");
      }
    }
    return src.text(cur);
  }

  private List<TSNode> identifiers(String name, int from, int to) {
    return src.startingIn(
        from, to, n -> "identifier".equals(n.getType()) && name.equals(src.text(n)));
  }

  private TSNode nearest(List<TSNode> nodes, int offset) {
    return nodes.stream()
        .min(Comparator.comparingInt(n -> Math.abs(src.start(n) - offset)))
        .orElseThrow();
  }

  /** The simple statement around a node (not an if/for/def: their bodies are other sites). */
  private static TSNode statementOf(TSNode n) {
    for (TSNode cur = n; cur != null && !cur.isNull(); cur = cur.getParent()) {
      switch (cur.getType()) {
        case "expression_statement",
            "return_statement",
            "assert_statement",
            "raise_statement",
            "delete_statement" -> {
          return cur;
        }
        case "block",
            "module",
            "if_statement",
            "for_statement",
            "while_statement",
            "with_statement",
            "try_statement",
            "function_definition",
            "class_definition" -> {
          return null;
        }
        default -> {}
      }
    }
    return null;
  }

  /** attribute (x.NAME), keyword (f(NAME=)), definition (def NAME), parameter, or bare. */
  private static String roleOf(TSNode id) {
    TSNode p = id.getParent();
    String type = p.getType();
    if ("attribute".equals(type) && PySource.same(p.getChildByFieldName("attribute"), id)) {
      return "attribute";
    }
    if ("keyword_argument".equals(type) && PySource.same(p.getChildByFieldName("name"), id)) {
      return "keyword";
    }
    if ("function_definition".equals(type) && PySource.same(p.getChildByFieldName("name"), id)) {
      return "definition";
    }
    if ("parameters".equals(type)
        || "default_parameter".equals(type) && PySource.same(p.getChildByFieldName("name"), id)
        || "typed_parameter".equals(type)
        || "typed_default_parameter".equals(type)
            && PySource.same(p.getChildByFieldName("name"), id)) {
      return "parameter";
    }
    return "bare";
  }

  private static boolean isAssignmentTarget(TSNode attribute) {
    TSNode p = attribute.getParent();
    return p != null
        && ("assignment".equals(p.getType()) || "augmented_assignment".equals(p.getType()))
        && PySource.same(p.getChildByFieldName("left"), attribute);
  }

  /**
   * Whether a bare name is bound in its enclosing function (a parameter, an assignment, a loop or
   * with target): then it is our local, and the upstream name is shadowed.
   */
  private boolean shadowed(TSNode id, String name) {
    TSNode fn = PySource.ancestor(id, "function_definition", "lambda");
    if (fn == null) {
      return false;
    }
    TSNode params = fn.getChildByFieldName("parameters");
    if (params != null
        && !params.isNull()
        && !src.find(params, n -> "identifier".equals(n.getType()) && name.equals(src.text(n)))
            .isEmpty()) {
      return true;
    }
    TSNode body = fn.getChildByFieldName("body");
    if (body == null || body.isNull()) {
      return false;
    }
    return !src.find(
            body,
            n -> {
              String type = n.getType();
              TSNode target =
                  switch (type) {
                    case "assignment", "augmented_assignment" -> n.getChildByFieldName("left");
                    case "for_statement", "for_in_clause" -> n.getChildByFieldName("left");
                    case "as_pattern_target" -> n;
                    default -> null;
                  };
              return target != null
                  && !target.isNull()
                  && !src.find(
                          target,
                          x ->
                              "identifier".equals(x.getType())
                                  && name.equals(src.text(x))
                                  && !"attribute".equals(x.getParent().getType()))
                      .isEmpty();
            })
        .isEmpty();
  }
}

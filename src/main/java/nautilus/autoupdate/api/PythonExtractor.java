package nautilus.autoupdate.api;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import nautilus.autoupdate.api.ApiSnapshot.ApiMember;
import nautilus.autoupdate.api.ApiSnapshot.ApiObject;
import nautilus.autoupdate.api.ApiSnapshot.MemberKind;
import nautilus.autoupdate.api.ApiSnapshot.ModuleApi;
import nautilus.autoupdate.api.ApiSnapshot.ObjectKind;
import nautilus.autoupdate.api.ApiSnapshot.Param;
import nautilus.autoupdate.api.ApiSnapshot.ParamKind;
import org.treesitter.TSNode;
import org.treesitter.TSParser;
import org.treesitter.TSTreeCursor;
import org.treesitter.TreeSitterPython;

/**
 * Reads the public API of one {@code .py} or {@code .pyi} module with tree-sitter: classes (bases,
 * methods, properties, attributes, enum members), functions with their signatures, constants,
 * {@code __all__}, and re-exports of names from the same package. Names starting with {@code _} are
 * private and left out. Annotated class attributes and parameters keep their declared type ({@link
 * TypeText}), qualified through the module's imports and its own classes. One instance per thread
 * (the parser is not thread-safe).
 */
final class PythonExtractor {
  private static final Pattern ENUM_BASE = Pattern.compile("(?:^|\\.)(?:Int|Str)?(?:Enum|Flag)$");

  private final TSParser parser = new TSParser();

  PythonExtractor() {
    parser.setLanguage(new TreeSitterPython());
  }

  /**
   * @param module the dotted module name
   * @param isPackage whether the file is a package's {@code __init__} (relative imports resolve
   *     against the module itself then)
   * @param topLevel the package's import name: only re-exports from inside it are recorded
   */
  ModuleApi extract(String module, boolean isPackage, String topLevel, String origin, String text) {
    byte[] src = text.getBytes(StandardCharsets.UTF_8);
    var tree = parser.parseString(null, text);
    Ctx ctx = new Ctx(src, module, isPackage, topLevel);
    bindings(ctx, tree.getRootNode());
    block(ctx, tree.getRootNode());
    return new ModuleApi(module, origin, ctx.all, ctx.names);
  }

  private static final class Ctx {
    final byte[] src;
    final String module;
    final boolean isPackage;
    final String topLevel;
    final Map<String, ApiObject> names = new LinkedHashMap<>();

    /** What a module-level name stands for, dotted: every import, and the module's own classes. */
    final Map<String, String> bound = new java.util.HashMap<>();

    List<String> all;

    Ctx(byte[] src, String module, boolean isPackage, String topLevel) {
      this.src = src;
      this.module = module;
      this.isPackage = isPackage;
      this.topLevel = topLevel;
    }

    String text(TSNode n) {
      return n == null || n.isNull()
          ? null
          : new String(
              src, n.getStartByte(), n.getEndByte() - n.getStartByte(), StandardCharsets.UTF_8);
    }
  }

  private void block(Ctx ctx, TSNode parent) {
    for (TSNode n : named(parent)) {
      switch (n.getType()) {
        case "class_definition" -> classDef(ctx, n);
        case "function_definition" -> function(ctx, n);
        case "decorated_definition" -> {
          TSNode def = n.getChildByFieldName("definition");
          if ("class_definition".equals(def.getType())) {
            classDef(ctx, def);
          } else {
            function(ctx, def);
          }
        }
        case "expression_statement" -> moduleAssignment(ctx, n);
        case "import_from_statement" -> importFrom(ctx, n);
        case "if_statement" -> {
          // Names under "if TYPE_CHECKING:" do not exist at runtime.
          if (!String.valueOf(ctx.text(n.getChildByFieldName("condition")))
              .contains("TYPE_CHECKING")) {
            descend(ctx, n);
          }
        }
        case "try_statement", "with_statement" -> descend(ctx, n);
        default -> {}
      }
    }
  }

  /**
   * A first pass over the module's top level (and its {@code if}/{@code try} blocks): what each
   * imported name and each class stands for, so that an annotation may name a class defined or
   * imported further down.
   */
  private void bindings(Ctx ctx, TSNode parent) {
    for (TSNode n : named(parent)) {
      switch (n.getType()) {
        case "class_definition" -> {
          String name = ctx.text(n.getChildByFieldName("name"));
          ctx.bound.putIfAbsent(name, ctx.module + "." + name);
        }
        case "decorated_definition" -> {
          TSNode def = n.getChildByFieldName("definition");
          if ("class_definition".equals(def.getType())) {
            String name = ctx.text(def.getChildByFieldName("name"));
            ctx.bound.putIfAbsent(name, ctx.module + "." + name);
          }
        }
        case "import_from_statement" -> {
          TSNode from = n.getChildByFieldName("module_name");
          String source = resolveRelative(ctx, ctx.text(from));
          if (source == null) {
            continue;
          }
          for (TSNode c : named(n)) {
            if (TSNode.eq(c, from)) {
              continue;
            }
            if ("aliased_import".equals(c.getType())) {
              ctx.bound.put(
                  ctx.text(c.getChildByFieldName("alias")),
                  source + "." + ctx.text(c.getChildByFieldName("name")));
            } else if ("dotted_name".equals(c.getType())) {
              ctx.bound.put(ctx.text(c), source + "." + ctx.text(c));
            }
          }
        }
        case "import_statement" -> {
          for (TSNode c : named(n)) {
            if ("aliased_import".equals(c.getType())) {
              ctx.bound.put(
                  ctx.text(c.getChildByFieldName("alias")),
                  ctx.text(c.getChildByFieldName("name")));
            } else if ("dotted_name".equals(c.getType())) {
              String root = ctx.text(c).split("\\.", 2)[0];
              ctx.bound.put(root, root);
            }
          }
        }
        case "if_statement", "try_statement", "with_statement" -> {
          for (TSNode c : named(n)) {
            switch (c.getType()) {
              case "block" -> bindings(ctx, c);
              case "else_clause", "elif_clause", "except_clause", "finally_clause" -> {
                for (TSNode b : named(c)) {
                  if ("block".equals(b.getType())) {
                    bindings(ctx, b);
                  }
                }
              }
              default -> {}
            }
          }
        }
        default -> {}
      }
    }
  }

  /** The declared type of an annotation node, normalised and qualified (null when none). */
  private static String type(Ctx ctx, TSNode annotation) {
    if (annotation == null || annotation.isNull()) {
      return null;
    }
    return TypeText.normalise(
        ctx.text(annotation),
        name -> {
          int dot = name.indexOf('.');
          String root = dot < 0 ? name : name.substring(0, dot);
          String to = ctx.bound.get(root);
          return to == null ? name : to + (dot < 0 ? "" : name.substring(dot));
        });
  }

  private void descend(Ctx ctx, TSNode n) {
    for (TSNode c : named(n)) {
      switch (c.getType()) {
        case "block" -> block(ctx, c);
        case "else_clause", "elif_clause", "except_clause", "finally_clause" -> descend(ctx, c);
        default -> {}
      }
    }
  }

  private void function(Ctx ctx, TSNode def) {
    String name = ctx.text(def.getChildByFieldName("name"));
    if (isPublic(name)) {
      ctx.names.put(
          name,
          new ApiObject(
              name,
              ObjectKind.FUNCTION,
              null,
              null,
              params(ctx, def.getChildByFieldName("parameters"), false),
              null));
    }
  }

  private void moduleAssignment(Ctx ctx, TSNode stmt) {
    TSNode a = stmt.getNamedChildCount() > 0 ? stmt.getNamedChild(0) : null;
    if (a == null
        || !(a.getType().equals("assignment") || a.getType().equals("augmented_assignment"))) {
      return;
    }
    TSNode left = a.getChildByFieldName("left");
    if (left == null || left.isNull() || !"identifier".equals(left.getType())) {
      return;
    }
    String name = ctx.text(left);
    TSNode right = a.getChildByFieldName("right");
    if ("__all__".equals(name)) {
      List<String> items = strings(ctx, right);
      if (a.getType().equals("augmented_assignment") && ctx.all != null) {
        List<String> merged = new ArrayList<>(ctx.all);
        merged.addAll(items);
        ctx.all = merged;
      } else {
        ctx.all = items;
      }
    } else if (isPublic(name)) {
      ctx.names.put(name, new ApiObject(name, ObjectKind.CONSTANT, null, null, null, null));
    }
  }

  private List<String> strings(Ctx ctx, TSNode n) {
    List<String> out = new ArrayList<>();
    if (n == null || n.isNull()) {
      return out;
    }
    if ("string".equals(n.getType())) {
      String t = ctx.text(n);
      out.add(t.replaceAll("^[rbuRBU]*['\"]{1,3}|['\"]{1,3}$", ""));
      return out;
    }
    for (TSNode c : named(n)) {
      out.addAll(strings(ctx, c));
    }
    return out;
  }

  private void importFrom(Ctx ctx, TSNode stmt) {
    TSNode from = stmt.getChildByFieldName("module_name");
    String source = resolveRelative(ctx, ctx.text(from));
    if (source == null || !(source.equals(ctx.topLevel) || source.startsWith(ctx.topLevel + "."))) {
      return;
    }
    for (TSNode c : named(stmt)) {
      if (TSNode.eq(c, from)) {
        continue;
      }
      String original;
      String alias;
      if ("aliased_import".equals(c.getType())) {
        original = ctx.text(c.getChildByFieldName("name"));
        alias = ctx.text(c.getChildByFieldName("alias"));
      } else if ("dotted_name".equals(c.getType())) {
        original = ctx.text(c);
        alias = original;
      } else {
        continue;
      }
      if (isPublic(alias)) {
        ctx.names.put(
            alias,
            new ApiObject(alias, ObjectKind.IMPORT, source + "." + original, null, null, null));
      }
    }
  }

  private static String resolveRelative(Ctx ctx, String from) {
    if (from == null || !from.startsWith(".")) {
      return from;
    }
    int dots = 0;
    while (dots < from.length() && from.charAt(dots) == '.') {
      dots++;
    }
    String base = ctx.module;
    int up = ctx.isPackage ? dots - 1 : dots;
    for (int k = 0; k < up; k++) {
      int d = base.lastIndexOf('.');
      if (d < 0) {
        return null;
      }
      base = base.substring(0, d);
    }
    String rest = from.substring(dots);
    return rest.isEmpty() ? base : base + "." + rest;
  }

  private void classDef(Ctx ctx, TSNode def) {
    String name = ctx.text(def.getChildByFieldName("name"));
    if (!isPublic(name)) {
      return;
    }
    List<String> bases = new ArrayList<>();
    TSNode sup = def.getChildByFieldName("superclasses");
    if (sup != null && !sup.isNull()) {
      for (TSNode b : named(sup)) {
        if (!"keyword_argument".equals(b.getType())) {
          bases.add(ctx.text(b));
        }
      }
    }
    boolean isEnum = bases.stream().anyMatch(b -> ENUM_BASE.matcher(b).find());
    Map<String, ApiMember> members = new LinkedHashMap<>();
    TSNode body = def.getChildByFieldName("body");
    for (TSNode member : named(body)) {
      TSNode n = member;
      List<String> decorators = new ArrayList<>();
      if ("decorated_definition".equals(n.getType())) {
        for (TSNode d : named(n)) {
          if ("decorator".equals(d.getType())) {
            decorators.add(ctx.text(d).substring(1).trim());
          }
        }
        n = n.getChildByFieldName("definition");
      }
      if ("function_definition".equals(n.getType())) {
        method(ctx, n, decorators, members);
      } else if ("expression_statement".equals(n.getType()) && n.getNamedChildCount() > 0) {
        TSNode a = n.getNamedChild(0);
        TSNode left = "assignment".equals(a.getType()) ? a.getChildByFieldName("left") : null;
        if (left != null && !left.isNull() && "identifier".equals(left.getType())) {
          String attr = ctx.text(left);
          boolean hasValue =
              a.getChildByFieldName("right") != null && !a.getChildByFieldName("right").isNull();
          if (isPublic(attr)) {
            boolean enumMember = isEnum && hasValue;
            members.put(
                attr,
                new ApiMember(
                    attr,
                    enumMember ? MemberKind.ENUM_MEMBER : MemberKind.ATTRIBUTE,
                    null,
                    enumMember ? null : type(ctx, a.getChildByFieldName("type"))));
          }
        }
      }
    }
    ctx.names.put(
        name,
        new ApiObject(
            name, isEnum ? ObjectKind.ENUM : ObjectKind.CLASS, null, bases, null, members));
  }

  private void method(Ctx ctx, TSNode fn, List<String> decorators, Map<String, ApiMember> members) {
    String name = ctx.text(fn.getChildByFieldName("name"));
    if (decorators.stream().anyMatch(d -> d.endsWith(".setter") || d.endsWith(".deleter"))) {
      return;
    }
    if ("__init__".equals(name)) {
      instanceAttributes(ctx, fn.getChildByFieldName("body"), members);
    }
    if (!isPublic(name) && !"__init__".equals(name)) {
      return;
    }
    if (decorators.stream().anyMatch(d -> d.equals("property") || d.endsWith("cached_property"))) {
      members.put(name, new ApiMember(name, MemberKind.PROPERTY, null));
      return;
    }
    boolean bound = decorators.stream().noneMatch(d -> d.equals("staticmethod"));
    members.put(
        name,
        new ApiMember(
            name, MemberKind.METHOD, params(ctx, fn.getChildByFieldName("parameters"), bound)));
  }

  /** {@code self.x = ...} statements directly in {@code __init__}: public instance attributes. */
  private void instanceAttributes(Ctx ctx, TSNode body, Map<String, ApiMember> members) {
    for (TSNode n : named(body)) {
      if (!"expression_statement".equals(n.getType()) || n.getNamedChildCount() == 0) {
        continue;
      }
      TSNode a = n.getNamedChild(0);
      TSNode left = "assignment".equals(a.getType()) ? a.getChildByFieldName("left") : null;
      String t = left == null || left.isNull() ? "" : ctx.text(left);
      if (t.startsWith("self.") && t.indexOf('.', 5) < 0) {
        String attr = t.substring(5);
        if (isPublic(attr)) {
          members.putIfAbsent(attr, new ApiMember(attr, MemberKind.ATTRIBUTE, null));
        }
      }
    }
  }

  private List<Param> params(Ctx ctx, TSNode list, boolean dropFirst) {
    List<Param> out = new ArrayList<>();
    if (list == null || list.isNull()) {
      return out;
    }
    boolean keywordOnly = false;
    for (TSNode p : named(list)) {
      String type = p.getType();
      String name;
      String dflt = null;
      String declared = type(ctx, p.getChildByFieldName("type"));
      ParamKind kind = keywordOnly ? ParamKind.KEYWORD_ONLY : ParamKind.POSITIONAL_OR_KEYWORD;
      TSNode inner = p;
      if (type.equals("typed_parameter") && p.getNamedChildCount() > 0) {
        inner = p.getNamedChild(0);
      }
      switch (inner.getType()) {
        case "identifier" -> name = ctx.text(inner);
        case "default_parameter", "typed_default_parameter" -> {
          name = ctx.text(inner.getChildByFieldName("name"));
          dflt = ctx.text(inner.getChildByFieldName("value"));
        }
        case "list_splat_pattern" -> {
          name = ctx.text(inner).substring(1);
          kind = ParamKind.VAR_POSITIONAL;
          keywordOnly = true;
        }
        case "dictionary_splat_pattern" -> {
          name = ctx.text(inner).substring(2);
          kind = ParamKind.VAR_KEYWORD;
        }
        case "keyword_separator" -> {
          keywordOnly = true;
          continue;
        }
        case "positional_separator" -> {
          List<Param> before = new ArrayList<>();
          for (Param q : out) {
            before.add(
                new Param(
                    q.name(),
                    ParamKind.POSITIONAL_ONLY,
                    q.hasDefault(),
                    q.defaultValue(),
                    q.type()));
          }
          out = before;
          continue;
        }
        default -> {
          continue;
        }
      }
      out.add(new Param(name, kind, dflt != null, dflt, declared));
    }
    if (dropFirst && !out.isEmpty() && out.get(0).kind() != ParamKind.VAR_POSITIONAL) {
      out.remove(0);
    }
    return out;
  }

  /** Named children through a cursor: indexed access is linear per call in tree-sitter. */
  private static List<TSNode> named(TSNode parent) {
    List<TSNode> out = new ArrayList<>();
    if (parent == null || parent.isNull()) {
      return out;
    }
    try (TSTreeCursor c = new TSTreeCursor(parent)) {
      if (c.gotoFirstChild()) {
        do {
          TSNode n = c.currentNode();
          if (n.isNamed()) {
            out.add(n);
          }
        } while (c.gotoNextSibling());
      }
    }
    return out;
  }

  static boolean isPublic(String name) {
    return name != null && !name.isEmpty() && !name.startsWith("_");
  }
}

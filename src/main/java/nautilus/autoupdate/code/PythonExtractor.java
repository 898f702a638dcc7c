package nautilus.autoupdate.code;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import nautilus.autoupdate.LineStarts;
import nautilus.autoupdate.code.ModuleFacts.ClassFact;
import nautilus.autoupdate.code.ModuleFacts.ImportFact;
import nautilus.autoupdate.code.ModuleFacts.MemberFact;
import nautilus.autoupdate.code.ModuleFacts.RefFact;
import nautilus.autoupdate.code.ModuleFacts.StringFact;
import nautilus.autoupdate.code.SyntaxTree.Node;
import org.treesitter.TSParser;
import org.treesitter.TSTree;
import org.treesitter.TreeSitterPython;

/**
 * Reads one Python source with tree-sitter into {@link ModuleFacts}. Not thread-safe: each thread
 * owns one, and must close it to free the native parser.
 */
final class PythonExtractor implements AutoCloseable {
  static final String INSTANCE = "()";
  static final String UNKNOWN = "?";

  /** Statements and clauses whose blocks may hold more statements. */
  private static final Set<String> COMPOUND =
      Set.of(
          "block",
          "if_statement",
          "elif_clause",
          "else_clause",
          "for_statement",
          "while_statement",
          "try_statement",
          "except_clause",
          "except_group_clause",
          "finally_clause",
          "with_statement",
          "match_statement",
          "case_clause");

  private static final Pattern ENV_NAME = Pattern.compile("[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+");

  /** The builtin type of a literal value, by its tree-sitter node type. */
  static final Map<String, String> LITERALS =
      Map.of(
          "string", "str",
          "concatenated_string", "str",
          "integer", "int",
          "float", "float",
          "true", "bool",
          "false", "bool",
          "none", "None");

  private final TSParser parser = new TSParser();
  private final SyntaxTree.Grammar grammar;
  private final Pattern upstreamPath;

  /** Whether a focused read parses the reduced text ({@link ReducedSource}); off only in tests. */
  private final boolean reduce;

  PythonExtractor(String packageName) {
    this(packageName, true);
  }

  PythonExtractor(String packageName, boolean reduce) {
    this.reduce = reduce;
    TreeSitterPython python = new TreeSitterPython();
    parser.setLanguage(python);
    grammar = new SyntaxTree.Grammar(python);
    upstreamPath = ConfigText.upstreamPathPattern(packageName);
  }

  /**
   * Extracts facts, reading in full only the function bodies that hold one of {@code focus}'s
   * occurrences; the others give only what their class needs ({@code self.x = ...}). Null reads
   * everything.
   */
  ModuleFacts extract(byte[] src, WordScan.Hits focus) {
    return extract(src, null, null, focus);
  }

  /**
   * Extracts facts; with {@code cellStartLines}/{@code cellStartBytes} (0-based, one per notebook
   * code cell) locations are given per cell.
   */
  ModuleFacts extract(byte[] src, int[] cellStartLines, int[] cellStartBytes) {
    return extract(src, cellStartLines, cellStartBytes, null);
  }

  private ModuleFacts extract(
      byte[] src, int[] cellStartLines, int[] cellStartBytes, WordScan.Hits focus) {
    src = CodeScanner.withoutBom(src);
    ReducedSource.Reduced text =
        focus == null || !reduce
            ? ReducedSource.Reduced.none(src)
            : ReducedSource.reduce(src, focus);
    TSTree tree = parser.parseString(null, new String(text.text(), StandardCharsets.UTF_8));
    if (text.reduced() && tree.getRootNode().hasError()) {
      // The cut met something it misread (or the file has an error): parse the file as it is.
      tree.close();
      text = ReducedSource.Reduced.none(src);
      tree = parser.parseString(null, new String(src, StandardCharsets.UTF_8));
    }
    try {
      Node root = SyntaxTree.copy(tree, src, text, grammar, focus).root();
      Walk walk = new Walk(src, cellStartLines, cellStartBytes, focus);
      walk.module(root);
      return walk.facts(root.hasError());
    } finally {
      tree.close();
    }
  }

  @Override
  public void close() {
    parser.close();
  }

  /**
   * A name a member access looks distinctive enough to report on an object of unknown type: {@code
   * reset_catalog_file_names} yes, {@code start} no.
   */
  static boolean distinctive(String member) {
    return member.length() >= 6 && member.indexOf('_') > 0;
  }

  static boolean capitalized(String name) {
    return !name.isEmpty() && Character.isUpperCase(name.charAt(0));
  }

  /** One function (or the module) and the names it binds. */
  private static final class Scope {
    final Scope parent;
    final boolean function;
    final String selfName;
    final String selfClass;
    final Set<String> locals = new HashSet<>();
    final Set<String> globals = new HashSet<>();
    final Map<String, List<String>> types = new HashMap<>();
    final List<RefFact> pending = new ArrayList<>();

    Scope(Scope parent, boolean function, String selfName, String selfClass) {
      this.parent = parent;
      this.function = function;
      this.selfName = selfName;
      this.selfClass = selfClass;
    }
  }

  /** A class being read. */
  private static final class ClassBuilder {
    final String name;
    final List<List<String>> bases = new ArrayList<>();
    final List<MemberFact> members = new ArrayList<>();
    final Map<String, List<String>> attrTypes = new LinkedHashMap<>();
    final Set<String> selfAssigned = new HashSet<>();

    ClassBuilder(String name) {
      this.name = name;
    }
  }

  private final class Walk {
    private final byte[] src;
    private final int[] cellLines;
    private final int[] cellBytes;
    private final WordScan.Hits focus;
    private final int[] lineStarts;
    private final List<ImportFact> imports = new ArrayList<>();
    private final Map<String, ClassBuilder> classes = new LinkedHashMap<>();
    private final List<RefFact> refs = new ArrayList<>();
    private final List<StringFact> strings = new ArrayList<>();
    private final List<StringFact> dictKeys = new ArrayList<>();
    private final Set<String> importedNames = new HashSet<>();
    private final Set<String> ownNames = new HashSet<>();
    private final Deque<ClassBuilder> classStack = new ArrayDeque<>();
    private Scope scope = new Scope(null, false, null, null);

    Walk(byte[] src, int[] cellLines, int[] cellBytes, WordScan.Hits focus) {
      this.src = src;
      this.focus = focus;
      this.cellLines = cellLines;
      this.cellBytes = cellBytes;
      List<Integer> starts = new ArrayList<>();
      starts.add(0);
      for (int i = 0; i < src.length; i++) {
        if (src[i] == '\n') {
          starts.add(i + 1);
        }
      }
      lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    ModuleFacts facts(boolean parseErrors) {
      Scope module = scope;
      boolean star = imports.stream().anyMatch(ImportFact::star);
      for (RefFact r : module.pending) {
        String root = r.chain().get(0);
        if (importedNames.contains(root) || classes.containsKey(root)) {
          refs.add(r);
        } else if (module.types.containsKey(root)) {
          if (r.chain().size() == 1) {
            continue; // the variable itself, not a use of its type
          }
          RefFact typed = retype(r, module.types.get(root));
          String typeRoot = typed.chain().get(0);
          if (importedNames.contains(typeRoot) || classes.containsKey(typeRoot)) {
            refs.add(typed);
          }
        } else if (star && !ownNames.contains(root) && !module.locals.contains(root)) {
          // Maybe from a star import; the resolver decides.
          refs.add(r);
        } else {
          unknownReceiver(r);
        }
      }
      List<ClassFact> cls = new ArrayList<>();
      for (ClassBuilder b : classes.values()) {
        cls.add(
            new ClassFact(
                b.name,
                b.bases,
                b.members,
                b.attrTypes,
                b.selfAssigned.stream().sorted().toList()));
      }
      Set<String> own = new HashSet<>(ownNames);
      own.addAll(module.locals);
      return new ModuleFacts(
          imports,
          cls,
          refs,
          strings,
          strings.isEmpty() ? List.of() : dictKeys,
          own.stream().sorted().toList(),
          parseErrors);
    }

    String text(Node n) {
      return new String(
          src, n.getStartByte(), n.getEndByte() - n.getStartByte(), StandardCharsets.UTF_8);
    }

    Location loc(Node n) {
      int start = n.getStartByte();
      int line = lineOf(start);
      int lineStart = lineStarts[line];
      int lineEnd = line + 1 < lineStarts.length ? lineStarts[line + 1] - 1 : src.length;
      if (lineEnd > lineStart && src[lineEnd - 1] == '\r') {
        lineEnd--;
      }
      String lineText =
          new String(src, lineStart, Math.max(0, lineEnd - lineStart), StandardCharsets.UTF_8)
              .strip();
      if (cellLines == null || cellLines.length == 0) {
        return new Location(start, n.getEndByte(), line + 1, start - lineStart + 1, null, lineText);
      }
      int cell = 0;
      while (cell + 1 < cellLines.length && cellLines[cell + 1] <= line) {
        cell++;
      }
      int base = cellBytes[cell];
      return new Location(
          start - base,
          n.getEndByte() - base,
          line - cellLines[cell] + 1,
          start - lineStart + 1,
          cell,
          lineText);
    }

    private int lineOf(int offset) {
      return LineStarts.indexOf(lineStarts, offset);
    }

    void module(Node root) {
      children(root);
    }

    void children(Node n) {
      int count = n.getNamedChildCount();
      for (int i = 0; i < count; i++) {
        visit(n.getNamedChild(i));
      }
    }

    void visit(Node n) {
      switch (n.getType()) {
        case "comment":
          return;
        case "import_statement":
          importStatement(n);
          return;
        case "import_from_statement":
          importFrom(n);
          return;
        case "future_import_statement":
          return;
        case "class_definition":
          classDefinition(n);
          return;
        case "function_definition":
          functionDefinition(n);
          return;
        case "decorated_definition":
          decorated(n);
          return;
        case "lambda":
          lambda(n);
          return;
        case "assignment":
        case "augmented_assignment":
          assignment(n);
          return;
        case "for_statement":
        case "for_in_clause":
          bindTargets(n.getChildByFieldName("left"));
          visitField(n, "right");
          visitRest(n, "left", "right");
          return;
        case "as_pattern":
          visit(n.getNamedChild(0));
          Node alias = n.getChildByFieldName("alias");
          if (!alias.isNull()) {
            bindTargets(alias);
          }
          return;
        case "named_expression":
          bindTargets(n.getChildByFieldName("name"));
          visitField(n, "value");
          return;
        case "global_statement":
        case "nonlocal_statement":
          for (int i = 0; i < n.getNamedChildCount(); i++) {
            scope.globals.add(text(n.getNamedChild(i)));
          }
          return;
        case "keyword_argument":
          visitField(n, "value");
          return;
        case "pair":
          dictKey(n.getChildByFieldName("key"));
          children(n);
          return;
        case "except_clause":
          for (int i = 0; i < n.getNamedChildCount(); i++) {
            Node c = n.getNamedChild(i);
            if ("alias".equals(n.getFieldNameForNamedChild(i))) {
              bindTargets(c);
            } else {
              visit(c);
            }
          }
          return;
        case "string":
          string(n);
          return;
        case "call":
          call(n);
          return;
        case "attribute":
          attribute(n, false, null);
          return;
        case "identifier":
          List<String> chain = List.of(text(n));
          emit(chain, false, List.of(), 0, n);
          return;
        default:
          children(n);
      }
    }

    void visitField(Node n, String field) {
      Node c = n.getChildByFieldName(field);
      if (!c.isNull()) {
        visit(c);
      }
    }

    /** Visits the named children except the given fields. */
    void visitRest(Node n, String... skip) {
      Set<String> skipped = Set.of(skip);
      int count = n.getNamedChildCount();
      for (int i = 0; i < count; i++) {
        String field = n.getFieldNameForNamedChild(i);
        if (field == null || !skipped.contains(field)) {
          visit(n.getNamedChild(i));
        }
      }
    }

    void importStatement(Node n) {
      // One name per statement: the use spans the statement, so a fix can rewrite it whole.
      boolean single = n.getNamedChildCount() == 1;
      for (int i = 0; i < n.getNamedChildCount(); i++) {
        Node c = n.getNamedChild(i);
        if (c.getType().equals("aliased_import")) {
          Node name = c.getChildByFieldName("name");
          String alias = text(c.getChildByFieldName("alias"));
          imports.add(new ImportFact(text(name), null, alias, 0, loc(single ? n : name)));
          importedNames.add(alias);
        } else if (c.getType().equals("dotted_name")) {
          String module = text(c);
          imports.add(new ImportFact(module, null, null, 0, loc(single ? n : c)));
          importedNames.add(module.split("\\.", 2)[0]);
        }
      }
    }

    void importFrom(Node n) {
      Node moduleNode = n.getChildByFieldName("module_name");
      String module;
      int level = 0;
      if (moduleNode.getType().equals("relative_import")) {
        String raw = text(moduleNode);
        while (level < raw.length() && raw.charAt(level) == '.') {
          level++;
        }
        module = raw.substring(level);
      } else {
        module = text(moduleNode);
      }
      boolean any = false;
      int names = 0;
      for (int i = 0; i < n.getNamedChildCount(); i++) {
        if ("name".equals(n.getFieldNameForNamedChild(i))) {
          names++;
        }
      }
      for (int i = 0; i < n.getNamedChildCount(); i++) {
        if (!"name".equals(n.getFieldNameForNamedChild(i))) {
          if (n.getNamedChild(i).getType().equals("wildcard_import")) {
            imports.add(new ImportFact(module, "*", null, level, loc(moduleNode)));
            any = true;
          }
          continue;
        }
        Node c = n.getNamedChild(i);
        Node nameNode = c.getType().equals("aliased_import") ? c.getChildByFieldName("name") : c;
        String alias =
            c.getType().equals("aliased_import") ? text(c.getChildByFieldName("alias")) : null;
        String name = text(nameNode);
        imports.add(new ImportFact(module, name, alias, level, loc(names == 1 ? n : nameNode)));
        importedNames.add(alias != null ? alias : name);
        any = true;
      }
      if (!any) {
        // A wildcard is not always a named child in every grammar version.
        if (text(n).trim().endsWith("*")) {
          imports.add(new ImportFact(module, "*", null, level, loc(moduleNode)));
        }
      }
    }

    void classDefinition(Node n) {
      String name = text(n.getChildByFieldName("name"));
      if (scope.function) {
        scope.locals.add(name);
      } else {
        ownNames.add(name);
      }
      ClassBuilder b = classes.computeIfAbsent(name, ClassBuilder::new);
      Node supers = n.getChildByFieldName("superclasses");
      if (!supers.isNull()) {
        for (int i = 0; i < supers.getNamedChildCount(); i++) {
          Node s = supers.getNamedChild(i);
          Node baseExpr = s.getType().equals("subscript") ? s.getChildByFieldName("value") : s;
          List<String> chain = chainOf(baseExpr);
          if (chain != null && !s.getType().equals("keyword_argument")) {
            b.bases.add(chain);
          }
          visit(s);
        }
      }
      classStack.push(b);
      Node body = n.getChildByFieldName("body");
      for (int i = 0; i < body.getNamedChildCount(); i++) {
        Node stmt = body.getNamedChild(i);
        classMember(b, stmt);
        visit(stmt);
      }
      classStack.pop();
    }

    void classMember(ClassBuilder b, Node stmt) {
      Node def = stmt;
      if (def.getType().equals("decorated_definition")) {
        def = def.getChildByFieldName("definition");
      }
      if (def.getType().equals("function_definition")) {
        Node name = def.getChildByFieldName("name");
        b.members.add(new MemberFact(text(name), loc(name)));
      } else if (stmt.getType().equals("expression_statement")
          && stmt.getNamedChildCount() > 0
          && stmt.getNamedChild(0).getType().equals("assignment")) {
        Node left = stmt.getNamedChild(0).getChildByFieldName("left");
        if (left.getType().equals("identifier")) {
          b.members.add(new MemberFact(text(left), loc(left)));
        }
      }
    }

    void decorated(Node n) {
      for (int i = 0; i < n.getNamedChildCount(); i++) {
        Node c = n.getNamedChild(i);
        if (c.getType().equals("decorator")) {
          children(c);
        }
      }
      visit(n.getChildByFieldName("definition"));
    }

    void functionDefinition(Node n) {
      String name = text(n.getChildByFieldName("name"));
      if (scope.function) {
        scope.locals.add(name);
      } else if (classStack.isEmpty()) {
        ownNames.add(name);
      }
      ClassBuilder owner = directMethodOwner(n);
      Node params = n.getChildByFieldName("parameters");
      if (params.isNull()) {
        return; // a function with nothing of interest: only its name was kept
      }
      String selfName = null;
      if (owner != null && params.getNamedChildCount() > 0) {
        selfName = parameterName(params.getNamedChild(0));
      }
      Scope inner = new Scope(scope, true, selfName, owner == null ? null : owner.name);
      // Defaults and annotations are evaluated in the enclosing scope.
      for (int i = 0; i < params.getNamedChildCount(); i++) {
        Node p = params.getNamedChild(i);
        String pname = parameterName(p);
        if (pname != null) {
          inner.locals.add(pname);
        }
        Node type = p.getChildByFieldName("type");
        if (!type.isNull()) {
          visit(type);
          List<String> chain = annotationChain(type);
          if (chain != null && pname != null) {
            inner.types.put(pname, withInstance(chain));
          }
        }
        Node value = p.getChildByFieldName("value");
        if (!value.isNull()) {
          visit(value);
        }
      }
      visitField(n, "return_type");
      if (focus != null && !focus.within(n.getStartByte(), n.getEndByte())) {
        // No word of interest inside: nothing here can be a site, and its locals stay local.
        if (owner != null && selfName != null) {
          Scope outer = scope;
          scope = inner;
          selfAssignments(n.getChildByFieldName("body"));
          scope = outer;
        }
        return;
      }
      visitBodyIn(inner, n);
    }

    /** Records {@code self.x = ...} in a method body without visiting anything else. */
    void selfAssignments(Node block) {
      if (block.isNull()) {
        return;
      }
      for (int i = 0; i < block.getNamedChildCount(); i++) {
        Node s = block.getNamedChild(i);
        String type = s.getType();
        if (type.equals("expression_statement")) {
          if (s.getNamedChildCount() > 0 && s.getNamedChild(0).getType().equals("assignment")) {
            selfAssignment(s.getNamedChild(0));
          }
        } else if (COMPOUND.contains(type)) {
          selfAssignments(s);
        }
      }
    }

    void selfAssignment(Node n) {
      Node left = n.getChildByFieldName("left");
      Node right = n.getChildByFieldName("right");
      if (!right.isNull() && right.getType().equals("assignment")) {
        selfAssignment(right);
      }
      if (!left.getType().equals("attribute") || !isSelf(left.getChildByFieldName("object"))) {
        return;
      }
      ClassBuilder cls = classes.get(scope.selfClass);
      if (cls == null) {
        return;
      }
      String attr = text(left.getChildByFieldName("attribute"));
      cls.selfAssigned.add(attr);
      Node type = n.getChildByFieldName("type");
      List<String> t = type.isNull() ? null : annotationChain(type);
      t = t != null ? withInstance(t) : right.isNull() ? null : valueType(right);
      if (t != null) {
        cls.attrTypes.put(attr, t);
      }
    }

    /** Visits a function's or lambda's body in its own scope, then settles that scope. */
    void visitBodyIn(Scope inner, Node fn) {
      Scope outer = scope;
      scope = inner;
      visitField(fn, "body");
      scope = outer;
      closeScope(inner);
    }

    void lambda(Node n) {
      Scope inner = new Scope(scope, true, null, null);
      Node params = n.getChildByFieldName("parameters");
      if (!params.isNull()) {
        for (int i = 0; i < params.getNamedChildCount(); i++) {
          String p = parameterName(params.getNamedChild(i));
          if (p != null) {
            inner.locals.add(p);
          }
        }
      }
      visitBodyIn(inner, n);
    }

    /** The class whose body directly holds this function, if any. */
    ClassBuilder directMethodOwner(Node fn) {
      Node parent = fn.getParent();
      if (!parent.isNull() && parent.getType().equals("decorated_definition")) {
        parent = parent.getParent();
      }
      if (parent.isNull() || !parent.getType().equals("block")) {
        return null;
      }
      Node cls = parent.getParent();
      if (cls.isNull() || !cls.getType().equals("class_definition") || classStack.isEmpty()) {
        return null;
      }
      return classStack.peek();
    }

    String parameterName(Node p) {
      switch (p.getType()) {
        case "identifier":
          return text(p);
        case "typed_parameter":
          for (int i = 0; i < p.getNamedChildCount(); i++) {
            Node c = p.getNamedChild(i);
            if (c.getType().equals("identifier")) {
              return text(c);
            }
            if (c.getType().endsWith("splat_pattern") && c.getNamedChildCount() > 0) {
              return text(c.getNamedChild(0));
            }
          }
          return null;
        case "default_parameter":
        case "typed_default_parameter":
          Node name = p.getChildByFieldName("name");
          return name.isNull() ? null : text(name);
        case "list_splat_pattern":
        case "dictionary_splat_pattern":
          return p.getNamedChildCount() > 0 ? text(p.getNamedChild(0)) : null;
        default:
          return null;
      }
    }

    /** Resolves the pending references of a finished function against its own bindings. */
    void closeScope(Scope s) {
      for (RefFact r : s.pending) {
        String root = r.chain().get(0);
        if (s.globals.contains(root) || !s.locals.contains(root)) {
          s.parent.pending.add(r);
        } else if (s.types.containsKey(root)) {
          if (r.chain().size() == 1) {
            continue; // the variable itself, not a use of its type
          }
          // The type's own root is a module-level name: resolve it at module level.
          scopeRoot().pending.add(retype(r, s.types.get(root)));
        } else {
          unknownReceiver(r);
        }
      }
    }

    /** A reference through a variable of known type continues from that type's chain. */
    RefFact retype(RefFact r, List<String> type) {
      List<String> chain = new ArrayList<>(type);
      chain.addAll(r.chain().subList(1, r.chain().size()));
      return new RefFact(chain, null, r.call(), r.kwargs(), r.positional(), r.at(), r.args());
    }

    Scope scopeRoot() {
      Scope s = scope;
      while (s.parent != null) {
        s = s.parent;
      }
      return s;
    }

    /** An attribute on an object we cannot type is kept only when its name is distinctive. */
    void unknownReceiver(RefFact r) {
      if (r.chain().size() >= 2
          && !r.chain().get(1).equals(INSTANCE)
          && distinctive(r.chain().get(1))) {
        List<String> chain = new ArrayList<>(List.of(UNKNOWN));
        chain.addAll(r.chain().subList(1, r.chain().size()));
        refs.add(new RefFact(chain, null, r.call(), r.kwargs(), r.positional(), r.at(), r.args()));
      }
    }

    void assignment(Node n) {
      Node left = n.getChildByFieldName("left");
      Node right = n.getChildByFieldName("right");
      Node type = n.getChildByFieldName("type");
      List<String> rightType = null;
      if (type != null && !type.isNull()) {
        visit(type);
        rightType = annotationChain(type);
        if (rightType != null) {
          rightType = withInstance(rightType);
        }
      }
      if (right != null && !right.isNull()) {
        visit(right);
        if (rightType == null) {
          rightType = valueType(right);
        }
      }
      if (left.getType().equals("identifier")) {
        String name = text(left);
        bindTargets(left);
        if (rightType != null) {
          scope.types.put(name, rightType);
        }
      } else if (left.getType().equals("attribute") && isSelf(left.getChildByFieldName("object"))) {
        String attr = text(left.getChildByFieldName("attribute"));
        ClassBuilder cls = classes.get(scope.selfClass);
        if (cls != null) {
          cls.selfAssigned.add(attr);
          if (rightType != null) {
            cls.attrTypes.put(attr, rightType);
          }
        }
        // Assigning an upstream attribute on self is still a use of it.
        attribute(left, false, null);
      } else {
        bindTargets(left);
      }
    }

    boolean isSelf(Node n) {
      return n.getType().equals("identifier")
          && scope.selfName != null
          && text(n).equals(scope.selfName);
    }

    /** The chain of what a value is: an instance of a called class, or an alias of a name. */
    List<String> valueType(Node value) {
      if (value.getType().equals("call")) {
        List<String> f = chainOf(value.getChildByFieldName("function"));
        if (f != null && capitalized(f.get(f.size() - 1))) {
          return withInstance(f);
        }
        return null;
      }
      if (value.getType().equals("identifier") || value.getType().equals("attribute")) {
        List<String> alias = chainOf(value);
        // An alias of a class (Cls = mod.Cls) types the name; a value (x = Enum.MEMBER) does not.
        String last = alias == null ? "" : alias.get(alias.size() - 1);
        return capitalized(last) && !last.equals(last.toUpperCase(java.util.Locale.ROOT))
            ? alias
            : null;
      }
      return null;
    }

    List<String> withInstance(List<String> chain) {
      List<String> c = new ArrayList<>(chain);
      c.add(INSTANCE);
      return c;
    }

    /** {@code Foo}, {@code mod.Foo}, {@code Optional[Foo]}, {@code Foo | None}. */
    List<String> annotationChain(Node type) {
      Node t =
          type.getType().equals("type") && type.getNamedChildCount() > 0
              ? type.getNamedChild(0)
              : type;
      switch (t.getType()) {
        case "identifier":
        case "attribute":
          return chainOf(t);
        case "binary_operator":
          List<String> l = annotationChain(t.getChildByFieldName("left"));
          return l != null && !l.equals(List.of("None"))
              ? l
              : annotationChain(t.getChildByFieldName("right"));
        case "generic_type":
        case "subscript":
          Node head = t.getNamedChild(0);
          String h = text(head);
          if ((h.equals("Optional") || h.endsWith(".Optional")) && t.getNamedChildCount() > 1) {
            Node arg = t.getNamedChild(1);
            if (arg.getType().equals("type_parameter") && arg.getNamedChildCount() > 0) {
              arg = arg.getNamedChild(0);
            }
            return annotationChain(arg);
          }
          return null;
        default:
          return null;
      }
    }

    void bindTargets(Node n) {
      switch (n.getType()) {
        case "identifier":
          String name = text(n);
          if (scope.function) {
            scope.locals.add(name);
          } else if (classStack.isEmpty()) {
            scope.locals.add(name);
          }
          return;
        case "attribute":
        case "subscript":
          visit(n);
          return;
        default:
          for (int i = 0; i < n.getNamedChildCount(); i++) {
            bindTargets(n.getNamedChild(i));
          }
      }
    }

    /** Names through attributes, with {@code ()} after a called class; null if not a chain. */
    List<String> chainOf(Node n) {
      switch (n.getType()) {
        case "identifier":
          return new ArrayList<>(List.of(text(n)));
        case "attribute":
          List<String> base = chainOf(n.getChildByFieldName("object"));
          if (base == null) {
            return null;
          }
          base.add(text(n.getChildByFieldName("attribute")));
          return base;
        case "call":
          Node fn = n.getChildByFieldName("function");
          if (fn.getType().equals("identifier")
              && text(fn).equals("super")
              && scope.selfName != null) {
            return new ArrayList<>(List.of(scope.selfName));
          }
          List<String> f = chainOf(fn);
          if (f == null || !capitalized(f.get(f.size() - 1))) {
            return null;
          }
          f.add(INSTANCE);
          return f;
        case "parenthesized_expression":
          return n.getNamedChildCount() == 1 ? chainOf(n.getNamedChild(0)) : null;
        default:
          return null;
      }
    }

    void attribute(Node n, boolean call, Node args) {
      Node attr = n.getChildByFieldName("attribute");
      List<String> chain = chainOf(n);
      List<Kwarg> kwargs = new ArrayList<>();
      int positional = args == null ? 0 : arguments(args, kwargs);
      Span span = args == null ? null : span(args);
      if (chain != null) {
        emit(chain, call, kwargs, positional, attr, span);
      } else {
        String member = text(attr);
        if (distinctive(member)) {
          refs.add(
              new RefFact(
                  List.of(UNKNOWN, member), null, call, kwargs, positional, loc(attr), span));
        }
      }
      Node object = n.getChildByFieldName("object");
      if (object.getType().equals("call")) {
        call(object);
      } else if (!object.getType().equals("identifier") || chain == null) {
        visit(object);
      } else {
        emit(List.of(text(object)), false, List.of(), 0, object, null);
      }
    }

    /** A node's byte range, in the cell's bytes for a notebook (as {@link #loc} counts them). */
    Span span(Node n) {
      int base = 0;
      if (cellLines != null && cellLines.length > 0) {
        int line = lineOf(n.getStartByte());
        int cell = 0;
        while (cell + 1 < cellLines.length && cellLines[cell + 1] <= line) {
          cell++;
        }
        base = cellBytes[cell];
      }
      return new Span(n.getStartByte() - base, n.getEndByte() - base);
    }

    /**
     * The class a keyword's value is an instance of, as a chain written in this module: a call of a
     * capitalised callee, or a name whose annotation or assignment says so; a literal's builtin
     * ({@code str}, {@code int}, ...); null when not known.
     */
    String argumentType(Node value) {
      String literal = LITERALS.get(value.getType());
      if (literal != null) {
        return literal;
      }
      if (value.getType().equals("parenthesized_expression") && value.getNamedChildCount() == 1) {
        return argumentType(value.getNamedChild(0));
      }
      List<String> t = null;
      if (value.getType().equals("call")) {
        t = valueType(value);
      } else if (value.getType().equals("identifier")) {
        String name = text(value);
        for (Scope s = scope; s != null && t == null; s = s.parent) {
          t = s.types.get(name);
          if (t == null && s.locals.contains(name) && !s.globals.contains(name)) {
            break; // a local of unknown type hides any outer name
          }
        }
      }
      if (t == null
          || t.size() < 2
          || !t.get(t.size() - 1).equals(INSTANCE)
          || t.subList(0, t.size() - 1).contains(INSTANCE)
          || (scope.selfName != null && t.get(0).equals(scope.selfName))) {
        return null;
      }
      return String.join(".", t.subList(0, t.size() - 1));
    }

    /** Counts positional arguments (-1 if unknown) and collects keyword arguments. */
    int arguments(Node args, List<Kwarg> kwargs) {
      int positional = 0;
      if (!args.getType().equals("argument_list")) {
        return 1;
      }
      for (int i = 0; i < args.getNamedChildCount(); i++) {
        Node a = args.getNamedChild(i);
        switch (a.getType()) {
          case "keyword_argument":
            Node name = a.getChildByFieldName("name");
            Node value = a.getChildByFieldName("value");
            kwargs.add(
                new Kwarg(text(name), loc(name), value.isNull() ? null : argumentType(value)));
            break;
          case "list_splat":
            positional = -1;
            break;
          case "dictionary_splat":
          case "comment":
            break;
          default:
            if (positional >= 0) {
              positional++;
            }
        }
      }
      return positional;
    }

    void call(Node n) {
      Node function = n.getChildByFieldName("function");
      Node args = n.getChildByFieldName("arguments");
      if (function.getType().equals("attribute")) {
        attribute(function, true, args);
      } else if (function.getType().equals("identifier")) {
        List<Kwarg> kwargs = new ArrayList<>();
        int positional = arguments(args, kwargs);
        emit(
            List.of(text(function)),
            true,
            kwargs,
            positional,
            function,
            args.isNull() ? null : span(args));
      } else {
        visit(function);
      }
      if (!args.isNull()) {
        visit(args);
      }
    }

    void emit(List<String> chain, boolean call, List<Kwarg> kwargs, int positional, Node at) {
      emit(chain, call, kwargs, positional, at, null);
    }

    void emit(
        List<String> chain, boolean call, List<Kwarg> kwargs, int positional, Node at, Span args) {
      String root = chain.get(0);
      Location where = loc(at);
      for (Scope s = scope; s != null; s = s.parent) {
        if (s.selfName != null && root.equals(s.selfName)) {
          if (chain.size() > 1) {
            refs.add(new RefFact(chain, s.selfClass, call, kwargs, positional, where, args));
          }
          return;
        }
        if (s.locals.contains(root)) {
          break;
        }
      }
      scope.pending.add(new RefFact(chain, null, call, kwargs, positional, where, args));
    }

    /**
     * A string key of a dict literal ({@code config={"enable_buys": True}}); kept only in files
     * that also hold an upstream path string, where it may be a config field.
     */
    void dictKey(Node key) {
      if (!key.isNull() && key.getType().equals("string") && key.getNamedChildCount() == 3) {
        String value = text(key.getNamedChild(1));
        if (value.matches("[A-Za-z_][A-Za-z0-9_]*")) {
          dictKeys.add(new StringFact(value, loc(key.getNamedChild(1))));
        }
      }
    }

    void string(Node n) {
      StringBuilder content = new StringBuilder();
      boolean interpolated = false;
      for (int i = 0; i < n.getNamedChildCount(); i++) {
        Node c = n.getNamedChild(i);
        if (c.getType().equals("string_content")) {
          content.append(text(c));
        } else if (c.getType().equals("interpolation")) {
          visit(c);
          interpolated = true;
        }
      }
      Node parent = n.getParent();
      if (interpolated || !parent.isNull() && parent.getType().equals("expression_statement")) {
        return; // f-strings, docstrings and bare string statements are not references
      }
      String value = content.toString();
      if (value.length() < 200
          && (upstreamPath.matcher(value).matches() || ENV_NAME.matcher(value).matches())
          && !mockedModule(n, parent)) {
        strings.add(new StringFact(value, loc(n)));
      }
    }

    /**
     * Whether the string names a module a test puts a mock in place of: {@code
     * sys.modules["nautilus_trader.model.data"]}, or a key whose value is a mock ({@code
     * {"nautilus_trader.model.data": MagicMock()}}). No import reads it, so a module gone upstream
     * breaks nothing there (Titan-Oanda-Enhanced's tests, 2.0.0rc7).
     */
    private boolean mockedModule(Node n, Node parent) {
      if (parent.isNull()) {
        return false;
      }
      if (parent.getType().equals("subscript")) {
        Node value = parent.getChildByFieldName("value");
        return !value.isNull() && text(value).replaceAll("\\s+", "").equals("sys.modules");
      }
      if (parent.getType().equals("pair")) {
        Node key = parent.getChildByFieldName("key");
        Node value = parent.getChildByFieldName("value");
        if (key.isNull() || value.isNull() || key.getStartByte() != n.getStartByte()) {
          return false;
        }
        if (value.getType().equals("call")) {
          Node fn = value.getChildByFieldName("function");
          return !fn.isNull() && text(fn).matches("(?:[\\w.]*\\.)?\\w*Mock");
        }
      }
      return false;
    }
  }
}

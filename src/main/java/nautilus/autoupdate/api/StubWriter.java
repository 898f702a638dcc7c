package nautilus.autoupdate.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import nautilus.autoupdate.AtomicFiles;
import nautilus.autoupdate.UserError;
import nautilus.autoupdate.api.ApiSnapshot.ApiMember;
import nautilus.autoupdate.api.ApiSnapshot.ApiObject;
import nautilus.autoupdate.api.ApiSnapshot.ModuleApi;
import nautilus.autoupdate.api.ApiSnapshot.ObjectKind;
import nautilus.autoupdate.api.ApiSnapshot.Param;
import nautilus.autoupdate.api.ApiSnapshot.ParamKind;

/**
 * A version's API model as {@code .pyi} stubs, so that an off-the-shelf type checker can judge code
 * against that version: modules, re-exports, classes with their bases, methods, properties and
 * fields, module functions and constants. The model records no types, so every value is {@code
 * Any}; what a checker can still prove is which names, members, keywords and arities exist. What
 * the model cannot see stays permissive, as {@link ApiModel} treats it as unknown: a base from
 * outside the package is {@code Any}, and a compiled module read without source, and each class in
 * it, answer any other name with {@code Any}.
 */
public final class StubWriter {
  private static final String ANY = "_typing.Any";

  /** Defaults a stub may hold as they are: numbers, None, booleans, short plain strings. */
  private static final Pattern LITERAL =
      Pattern.compile("-?\\d+(\\.\\d+)?|None|True|False|'[\\w .:/-]{0,40}'|\"[\\w .:/-]{0,40}\"");

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private static final Set<String> KEYWORDS =
      Set.of(
          "False",
          "None",
          "True",
          "and",
          "as",
          "assert",
          "async",
          "await",
          "break",
          "class",
          "continue",
          "def",
          "del",
          "elif",
          "else",
          "except",
          "finally",
          "for",
          "from",
          "global",
          "if",
          "import",
          "in",
          "is",
          "lambda",
          "nonlocal",
          "not",
          "or",
          "pass",
          "raise",
          "return",
          "try",
          "while",
          "with",
          "yield");

  /** Bases from outside the package that the stub keeps as they are (builtins). */
  private static final Set<String> BUILTIN_BASES =
      Set.of(
          "Exception",
          "BaseException",
          "ValueError",
          "KeyError",
          "TypeError",
          "RuntimeError",
          "IndexError",
          "LookupError",
          "AttributeError",
          "NotImplementedError",
          "OSError",
          "ConnectionError",
          "TimeoutError",
          "dict",
          "list",
          "str",
          "int",
          "float",
          "tuple",
          "set",
          "frozenset",
          "bytes");

  /** Bases that add no member a use would name (a Struct's constructor is written out). */
  private static final Set<String> DROPPED_BASES =
      Set.of(
          "object",
          "msgspec.Struct",
          "Struct",
          "ABC",
          "abc.ABC",
          "Generic",
          "typing.Generic",
          "Protocol",
          "typing.Protocol");

  private static final Set<String> ENUM_BASES =
      Set.of("Enum", "IntEnum", "StrEnum", "Flag", "IntFlag");

  private StubWriter() {}

  /**
   * The stubs of {@code snapshot}: path relative to the stub root ({@code
   * nautilus_trader/config/__init__.pyi}) to text, sorted by path.
   */
  public static Map<String, String> render(ApiSnapshot snapshot) {
    ApiModel model = ApiModel.of(snapshot);
    Set<String> packages = new HashSet<>();
    Set<String> all = new LinkedHashSet<>(snapshot.modules().keySet());
    for (String name : snapshot.modules().keySet()) {
      // Every parent of a module is a package, even one the model does not hold.
      for (int dot = name.indexOf('.'); dot > 0; dot = name.indexOf('.', dot + 1)) {
        packages.add(name.substring(0, dot));
        all.add(name.substring(0, dot));
      }
    }
    Map<String, String> out = new TreeMap<>();
    for (String name : all) {
      if (!isDotted(name)) {
        continue;
      }
      String path = name.replace('.', '/') + (packages.contains(name) ? "/__init__.pyi" : ".pyi");
      ModuleApi m = snapshot.modules().get(name);
      out.put(path, m == null ? unknownModule(snapshot, name) : module(model, snapshot, m));
    }
    return out;
  }

  /**
   * Writes the stubs of {@code snapshot} into {@code dir}, replacing what it held (written beside
   * it first, so a reader sees the old set or the new one). Returns the number of files.
   */
  public static int write(ApiSnapshot snapshot, Path dir) {
    Map<String, String> files = render(snapshot);
    Path target = dir.toAbsolutePath().normalize();
    Path parent = target.getParent();
    Path tmp;
    try {
      Files.createDirectories(parent);
      tmp = Files.createTempDirectory(parent, "." + target.getFileName() + ".");
      for (Map.Entry<String, String> e : files.entrySet()) {
        AtomicFiles.write(tmp.resolve(e.getKey()), e.getValue());
      }
      if (Files.exists(target)) {
        deleteTree(target);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UserError("cannot write the stubs to " + dir + ": " + e.getMessage(), e);
    }
    return files.size();
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static String header(ApiSnapshot s, String origin) {
    return "# Stub of the API model of "
        + s.packageName()
        + " "
        + s.version()
        + " (read from "
        + origin
        + "), written by nautilus-autoupdate.\n"
        + "# The model records no types: every value is Any.\n"
        + "import enum as _enum\n"
        + "import typing as _typing\n";
  }

  private static String unknownModule(ApiSnapshot s, String name) {
    // A parent the model does not hold: it exists (its submodules do), its names are unknown.
    return header(s, "nothing: not in the model")
        + "\ndef __getattr__(name: str) -> "
        + ANY
        + ": ...\n";
  }

  private static String module(ApiModel model, ApiSnapshot s, ModuleApi m) {
    StringBuilder imports = new StringBuilder();
    StringBuilder body = new StringBuilder();
    Set<String> baseModules = new TreeSet<>();
    List<ApiObject> classes = new ArrayList<>();
    for (ApiObject o : m.names().values()) {
      if (!isName(o.name())) {
        continue;
      }
      switch (o.kind()) {
        case IMPORT -> imports.append(reExport(s, o));
        case CONSTANT -> body.append(o.name()).append(": ").append(ANY).append("\n");
        case FUNCTION ->
            body.append("def ")
                .append(o.name())
                .append("(")
                .append(params(o.params()))
                .append(") -> ")
                .append(ANY)
                .append(": ...\n");
        case CLASS, ENUM -> classes.add(o);
      }
    }
    boolean compiled = m.origin().equals("extension");
    for (ApiObject c : ordered(model, m, classes)) {
      body.append("\n").append(cls(model, m, c, baseModules, compiled));
    }
    if (compiled) {
      body.append("\ndef __getattr__(name: str) -> ").append(ANY).append(": ...\n");
    }
    StringBuilder text = new StringBuilder(header(s, m.origin()));
    // Bases by their full path, as the model's own base lookup reads them back.
    baseModules.forEach(b -> text.append("import ").append(b).append("\n"));
    text.append(imports);
    if (!body.isEmpty()) {
      text.append("\n").append(body);
    }
    return text.toString();
  }

  /** {@code from a.b import C as C}: the explicit form, so that the stub re-exports the name. */
  private static String reExport(ApiSnapshot s, ApiObject o) {
    String target = o.target() == null ? "" : o.target();
    if (s.modules().containsKey(target) && isDotted(target)) {
      return "import " + target + " as " + o.name() + "\n";
    }
    int dot = target.lastIndexOf('.');
    String module = dot < 0 ? "" : target.substring(0, dot);
    String name = target.substring(dot + 1);
    if (s.modules().containsKey(module) && isDotted(module) && isName(name)) {
      return "from " + module + " import " + name + " as " + o.name() + "\n";
    }
    // From outside the package, or a module the model does not hold: its type is not known.
    return o.name() + ": " + ANY + "\n";
  }

  /** Classes of one module with those a class extends first (a base must be bound before use). */
  private static List<ApiObject> ordered(ApiModel model, ModuleApi m, List<ApiObject> classes) {
    Map<String, ApiObject> byName = new LinkedHashMap<>();
    classes.forEach(c -> byName.put(c.name(), c));
    List<ApiObject> out = new ArrayList<>();
    Set<String> done = new HashSet<>();
    for (ApiObject c : classes) {
      visit(model, m, c, byName, done, out);
    }
    return out;
  }

  private static void visit(
      ApiModel model,
      ModuleApi m,
      ApiObject c,
      Map<String, ApiObject> byName,
      Set<String> done,
      List<ApiObject> out) {
    if (!done.add(c.name())) {
      return;
    }
    for (String base : model.basePaths(m, c)) {
      if (base != null && base.startsWith(m.name() + ".")) {
        ApiObject b = byName.get(base.substring(m.name().length() + 1));
        if (b != null) {
          visit(model, m, b, byName, done, out);
        }
      }
    }
    out.add(c);
  }

  private static String cls(
      ApiModel model, ModuleApi m, ApiObject c, Set<String> baseModules, boolean compiled) {
    List<String> bases = new ArrayList<>();
    List<String> paths = model.basePaths(m, c);
    boolean enumBase = false;
    for (int i = 0; i < c.bases().size(); i++) {
      String written = c.bases().get(i).replaceAll("\\[.*$", "").strip();
      String path = paths.get(i);
      String b;
      if (path != null) {
        int dot = path.lastIndexOf('.');
        String home = path.substring(0, dot);
        if (home.equals(m.name())) {
          b = path.substring(dot + 1);
        } else {
          baseModules.add(home);
          b = path;
        }
      } else if (DROPPED_BASES.contains(written)) {
        continue;
      } else if (ENUM_BASES.contains(written.replaceFirst("^enum\\.", ""))) {
        b = "_enum." + written.replaceFirst("^enum\\.", "");
        enumBase = true;
      } else if (BUILTIN_BASES.contains(written)) {
        b = written;
      } else {
        // From outside the package, or not placed: any member may come from it.
        b = ANY;
      }
      if (!bases.contains(b)) {
        bases.add(b);
      }
    }
    if (c.kind() == ObjectKind.ENUM && !enumBase && bases.isEmpty()) {
      // A Cython cpdef enum: its members are ints.
      bases.add("_enum.IntEnum");
    }
    StringBuilder out = new StringBuilder("class ").append(c.name());
    if (!bases.isEmpty()) {
      out.append("(").append(String.join(", ", bases)).append(")");
    }
    out.append(":\n");
    int lines = 0;
    List<Param> fields = model.structFields(m, c);
    if (fields != null && !c.members().containsKey("__init__")) {
      out.append("    def __init__(self")
          .append(fields.isEmpty() ? "" : ", " + params(fields))
          .append(") -> None: ...\n");
      lines++;
    }
    for (ApiMember mem : c.members().values()) {
      if (!isName(mem.name())) {
        continue;
      }
      lines++;
      switch (mem.kind()) {
        case ENUM_MEMBER -> out.append("    ").append(mem.name()).append(" = ...\n");
        case ATTRIBUTE ->
            out.append("    ").append(mem.name()).append(": ").append(ANY).append("\n");
        case PROPERTY ->
            out.append("    @property\n    def ")
                .append(mem.name())
                .append("(self) -> ")
                .append(ANY)
                .append(": ...\n");
        case METHOD -> {
          String ps = params(mem.params());
          out.append("    def ")
              .append(mem.name())
              .append("(self")
              .append(ps.isEmpty() ? "" : ", " + ps)
              .append(") -> ")
              .append(mem.name().equals("__init__") ? "None" : ANY)
              .append(": ...\n");
        }
      }
    }
    if (compiled) {
      out.append("    def __getattr__(self, name: str) -> ").append(ANY).append(": ...\n");
      lines++;
    }
    if (lines == 0) {
      out.append("    ...\n");
    }
    return out.toString();
  }

  /**
   * A parameter list in Python syntax ({@code self} not included), every parameter {@code Any} and
   * every default a plain literal or {@code ...}; a list the model holds out of order, or no list
   * at all, takes anything ({@code *args, **kwargs}) rather than invent a signature.
   */
  static String params(List<Param> params) {
    String any = "*args: " + ANY + ", **kwargs: " + ANY;
    if (params == null) {
      return any;
    }
    List<String> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    int rank = 0;
    boolean star = false;
    boolean defaulted = false;
    boolean positionalOnly = false;
    for (Param p : params) {
      int r = rank(p.kind());
      if (r < rank || !isName(p.name()) || !seen.add(p.name())) {
        return any;
      }
      if (positionalOnly && p.kind() != ParamKind.POSITIONAL_ONLY) {
        out.add("/");
        positionalOnly = false;
      }
      rank = r;
      switch (p.kind()) {
        case VAR_POSITIONAL -> {
          out.add("*" + p.name() + ": " + ANY);
          star = true;
        }
        case VAR_KEYWORD -> out.add("**" + p.name() + ": " + ANY);
        case KEYWORD_ONLY -> {
          if (!star) {
            out.add("*");
            star = true;
          }
          out.add(p.name() + ": " + ANY + (p.hasDefault() ? " = " + literal(p) : ""));
        }
        default -> {
          positionalOnly = p.kind() == ParamKind.POSITIONAL_ONLY;
          // Python allows no required positional parameter after a defaulted one.
          defaulted |= p.hasDefault();
          out.add(p.name() + ": " + ANY + (defaulted ? " = " + literal(p) : ""));
        }
      }
    }
    if (positionalOnly) {
      out.add("/");
    }
    return String.join(", ", out);
  }

  /** The default as written when it is a plain literal, else {@code ...} (any other value). */
  private static String literal(Param p) {
    String d = p.defaultValue();
    return p.hasDefault() && d != null && LITERAL.matcher(d.strip()).matches() ? d.strip() : "...";
  }

  private static int rank(ParamKind k) {
    return switch (k) {
      case POSITIONAL_ONLY -> 0;
      case POSITIONAL_OR_KEYWORD -> 1;
      case VAR_POSITIONAL -> 2;
      case KEYWORD_ONLY -> 3;
      case VAR_KEYWORD -> 4;
    };
  }

  private static boolean isName(String s) {
    return s != null && IDENTIFIER.matcher(s).matches() && !KEYWORDS.contains(s);
  }

  private static boolean isDotted(String module) {
    for (String part : module.split("\\.", -1)) {
      if (!isName(part)) {
        return false;
      }
    }
    return true;
  }
}

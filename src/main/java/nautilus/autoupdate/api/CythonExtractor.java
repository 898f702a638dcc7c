package nautilus.autoupdate.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nautilus.autoupdate.api.ApiSnapshot.ApiMember;
import nautilus.autoupdate.api.ApiSnapshot.ApiObject;
import nautilus.autoupdate.api.ApiSnapshot.MemberKind;
import nautilus.autoupdate.api.ApiSnapshot.ModuleApi;
import nautilus.autoupdate.api.ApiSnapshot.ObjectKind;
import nautilus.autoupdate.api.ApiSnapshot.Param;
import nautilus.autoupdate.api.ApiSnapshot.ParamKind;

/**
 * Reads the Python-visible API of a Cython module from its {@code .pyx} and {@code .pxd}: {@code
 * cdef class X(Base)} and plain classes, {@code def}/{@code cpdef} methods and functions with typed
 * parameters and defaults, {@code @property}, {@code cpdef enum}, {@code cdef readonly}/{@code
 * public} attributes and Python re-exports. {@code cdef} functions, methods and plain {@code cdef}
 * attributes are invisible from Python and left out. Tree-sitter has no Cython grammar, so this
 * works on logical lines (continuations joined, comments and docstrings removed).
 */
final class CythonExtractor {
  private static final Pattern CLASS =
      Pattern.compile(
          "^(?:cdef\\s+|cpdef\\s+)?(?:public\\s+)?class\\s+(\\w+)\\s*(?:\\((.*)\\))?\\s*:");
  private static final Pattern ENUM = Pattern.compile("^cpdef\\s+enum\\s+(\\w+)\\s*:");
  private static final Pattern DEF = Pattern.compile("^(?:async\\s+)?(def|cpdef)\\s+(.*)$");
  private static final Pattern VISIBLE_ATTR =
      Pattern.compile("^cdef\\s+(?:readonly|public)\\s+(.+)$");
  private static final Pattern ASSIGN = Pattern.compile("^(\\w+)\\s*(?::[^=]+)?=(?!=)");
  private static final Pattern FROM_IMPORT =
      Pattern.compile("^from\\s+([\\w.]+)\\s+import\\s+(.+)$");

  private record Line(int indent, String text) {}

  /**
   * @param pyx the implementation (may be null when only a {@code .pxd} exists)
   * @param pxd the declarations (may be null); contributes enums and visible attributes
   */
  ModuleApi extract(String module, String topLevel, String pyx, String pxd) {
    Map<String, ApiObject> names = new LinkedHashMap<>();
    Map<String, Map<String, ApiMember>> members = new LinkedHashMap<>();
    if (pxd != null) {
      read(lines(pxd), module, topLevel, names, members, true);
    }
    if (pyx != null) {
      read(lines(pyx), module, topLevel, names, members, false);
    }
    Map<String, ApiObject> out = new LinkedHashMap<>();
    names.forEach(
        (n, o) ->
            out.put(
                n, new ApiObject(n, o.kind(), o.target(), o.bases(), o.params(), members.get(n))));
    return new ModuleApi(module, pyx != null ? "pyx" : "pxd", null, out);
  }

  private void read(
      List<Line> lines,
      String module,
      String topLevel,
      Map<String, ApiObject> names,
      Map<String, Map<String, ApiMember>> members,
      boolean declarations) {
    String owner = null;
    int ownerIndent = -1;
    boolean ownerIsEnum = false;
    int memberIndent = -1;
    List<String> decorators = new ArrayList<>();
    for (Line line : lines) {
      String t = line.text();
      if (owner != null && line.indent() <= ownerIndent) {
        owner = null;
      }
      if (owner != null) {
        // Only the class body's own level declares members; deeper lines are method bodies.
        if (memberIndent < 0) {
          memberIndent = line.indent();
        } else if (line.indent() > memberIndent) {
          continue;
        }
      }
      if (t.startsWith("@")) {
        decorators.add(t.substring(1).trim());
        continue;
      }
      List<String> decos = decorators;
      decorators = new ArrayList<>();
      Matcher m;
      if (owner == null) {
        if ((m = ENUM.matcher(t)).find()) {
          owner = m.group(1);
          ownerIndent = line.indent();
          memberIndent = -1;
          ownerIsEnum = true;
          names.put(owner, new ApiObject(owner, ObjectKind.ENUM, null, null, null, null));
          members.computeIfAbsent(owner, k -> new LinkedHashMap<>());
        } else if ((m = CLASS.matcher(t)).find()) {
          owner = m.group(1);
          ownerIndent = line.indent();
          memberIndent = -1;
          List<String> bases = new ArrayList<>();
          if (m.group(2) != null) {
            for (String b : splitTopLevel(m.group(2), ',')) {
              if (!b.isBlank() && !b.contains("=")) {
                bases.add(b.trim());
              }
            }
          }
          boolean isEnum =
              bases.stream().anyMatch(b -> b.matches("(?:.*\\.)?(?:Int|Str)?(?:Enum|Flag)"));
          ownerIsEnum = isEnum;
          ApiObject prev = names.get(owner);
          if (prev == null || !declarations) {
            names.put(
                owner,
                new ApiObject(
                    owner, isEnum ? ObjectKind.ENUM : ObjectKind.CLASS, null, bases, null, null));
          }
          members.computeIfAbsent(owner, k -> new LinkedHashMap<>());
          if (!PythonExtractor.isPublic(owner)) {
            names.remove(owner);
          }
        } else if (line.indent() == 0) {
          topLevel(t, module, topLevel, names, declarations);
        }
        continue;
      }
      Map<String, ApiMember> own = members.computeIfAbsent(owner, k -> new LinkedHashMap<>());
      if (ownerIsEnum && t.matches("^\\w+\\s*(=.*)?$") && !t.startsWith("pass")) {
        String n = t.split("[\\s=]", 2)[0];
        if (PythonExtractor.isPublic(n)) {
          own.put(n, new ApiMember(n, MemberKind.ENUM_MEMBER, null));
        }
      } else if ((m = VISIBLE_ATTR.matcher(t)).find()) {
        for (String n : attributeNames(m.group(1))) {
          if (PythonExtractor.isPublic(n)) {
            own.put(n, new ApiMember(n, MemberKind.ATTRIBUTE, null));
          }
        }
      } else if ((m = DEF.matcher(t)).find()) {
        Def d = def(m.group(2));
        if (d == null || !(PythonExtractor.isPublic(d.name) || "__init__".equals(d.name))) {
          continue;
        }
        if (decos.stream().anyMatch(x -> x.endsWith(".setter") || x.endsWith(".deleter"))) {
          continue;
        }
        if (decos.contains("property")) {
          own.put(d.name, new ApiMember(d.name, MemberKind.PROPERTY, null));
          continue;
        }
        boolean bound = !decos.contains("staticmethod");
        // A .pxd declares cpdef methods without defaults; the .pyx (read later) wins.
        own.put(d.name, new ApiMember(d.name, MemberKind.METHOD, params(d.params, bound)));
      } else if (!ownerIsEnum && (m = ASSIGN.matcher(t)).find() && !declarations) {
        String n = m.group(1);
        if (PythonExtractor.isPublic(n)) {
          own.putIfAbsent(n, new ApiMember(n, MemberKind.ATTRIBUTE, null));
        }
      }
    }
  }

  private void topLevel(
      String t,
      String module,
      String topLevel,
      Map<String, ApiObject> names,
      boolean declarations) {
    Matcher m;
    if ((m = DEF.matcher(t)).find()) {
      Def d = def(m.group(2));
      if (d != null && PythonExtractor.isPublic(d.name)) {
        names.put(
            d.name,
            new ApiObject(d.name, ObjectKind.FUNCTION, null, null, params(d.params, false), null));
      }
    } else if (declarations) {
      return;
    } else if ((m = FROM_IMPORT.matcher(t)).find() && !t.contains(" cimport ")) {
      String source = m.group(1);
      if (!(source.equals(topLevel) || source.startsWith(topLevel + "."))) {
        return;
      }
      for (String part : splitTopLevel(m.group(2).replaceAll("[()]", ""), ',')) {
        String[] w = part.trim().split("\\s+as\\s+");
        String alias = w.length > 1 ? w[1].trim() : w[0].trim();
        if (PythonExtractor.isPublic(alias)) {
          names.put(
              alias,
              new ApiObject(
                  alias, ObjectKind.IMPORT, source + "." + w[0].trim(), null, null, null));
        }
      }
    } else if ((m = ASSIGN.matcher(t)).find() && PythonExtractor.isPublic(m.group(1))) {
      names.put(m.group(1), new ApiObject(m.group(1), ObjectKind.CONSTANT, null, null, null, null));
    }
  }

  private record Def(String name, String params) {}

  /** Parses what follows {@code def}/{@code cpdef}: optional return type, name, parameters. */
  private static Def def(String rest) {
    int open = rest.indexOf('(');
    if (open < 0) {
      return null;
    }
    String[] head = rest.substring(0, open).trim().split("\\s+");
    String name = head[head.length - 1].replace("*", "");
    int depth = 0;
    int close = -1;
    for (int i = open; i < rest.length(); i++) {
      char c = rest.charAt(i);
      if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        depth--;
        if (depth == 0) {
          close = i;
          break;
        }
      }
    }
    if (close < 0) {
      return null;
    }
    return new Def(name, rest.substring(open + 1, close));
  }

  /** Parameters in Python or Cython syntax: {@code int x=0}, {@code x: int = 0}, {@code *args}. */
  static List<Param> params(String list, boolean dropFirst) {
    List<Param> out = new ArrayList<>();
    boolean keywordOnly = false;
    for (String raw : splitTopLevel(list, ',')) {
      String p = raw.trim().replaceAll("\\s+(?:not|or)\\s+None\\s*$", "");
      if (p.isEmpty()) {
        continue;
      }
      if (p.equals("*")) {
        keywordOnly = true;
        continue;
      }
      if (p.equals("/")) {
        out.replaceAll(
            q -> new Param(q.name(), ParamKind.POSITIONAL_ONLY, q.hasDefault(), q.defaultValue()));
        continue;
      }
      String dflt = null;
      int eq = topLevelEquals(p);
      String left = p;
      if (eq >= 0) {
        dflt = p.substring(eq + 1).trim();
        left = p.substring(0, eq).trim();
        left = left.replaceAll("\\s+(?:not|or)\\s+None$", "");
      }
      int colon = left.indexOf(':');
      if (colon >= 0) {
        // `ma_type not None: MovingAverageType=...` (1.219.0's indicators): the name is ma_type.
        left = left.substring(0, colon).trim().replaceAll("\\s+(?:not|or)\\s+None$", "");
      }
      String[] words = left.split("\\s+");
      String name = words[words.length - 1];
      ParamKind kind = keywordOnly ? ParamKind.KEYWORD_ONLY : ParamKind.POSITIONAL_OR_KEYWORD;
      if (name.startsWith("**")) {
        kind = ParamKind.VAR_KEYWORD;
        name = name.substring(2);
      } else if (name.startsWith("*") && words.length == 1) {
        kind = ParamKind.VAR_POSITIONAL;
        name = name.substring(1);
        keywordOnly = true;
      } else {
        name = name.replace("*", "");
      }
      out.add(new Param(name, kind, dflt != null, dflt));
    }
    if (dropFirst && !out.isEmpty() && out.get(0).kind() == ParamKind.POSITIONAL_OR_KEYWORD) {
      out.remove(0);
    }
    return out;
  }

  private static int topLevelEquals(String p) {
    int depth = 0;
    for (int i = 0; i < p.length(); i++) {
      char c = p.charAt(i);
      if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        depth--;
      } else if (c == '=' && depth == 0) {
        boolean comparison =
            (i + 1 < p.length() && p.charAt(i + 1) == '=')
                || (i > 0 && "=!<>".indexOf(p.charAt(i - 1)) >= 0);
        if (!comparison) {
          return i;
        }
      }
    }
    return -1;
  }

  private static List<String> attributeNames(String decl) {
    // "int count", "config", "dict[str, int] a, b": the names are the last word of each part.
    List<String> out = new ArrayList<>();
    for (String part : splitTopLevel(decl, ',')) {
      String[] w = part.trim().split("\\s+");
      if (w.length > 0 && !w[w.length - 1].isEmpty()) {
        out.add(w[w.length - 1].replace("*", ""));
      }
    }
    return out;
  }

  static List<String> splitTopLevel(String s, char sep) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    char quote = 0;
    StringBuilder cur = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        depth--;
      } else if (c == sep && depth == 0) {
        out.add(cur.toString());
        cur.setLength(0);
        continue;
      }
      cur.append(c);
    }
    out.add(cur.toString());
    return out;
  }

  /** Logical lines: docstrings and comments removed, bracket continuations joined. */
  static List<Line> lines(String text) {
    String s = text.replace("\r\n", "\n").replaceAll("(?s)\"\"\".*?\"\"\"|'''.*?'''", "\"\"");
    List<Line> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    int indent = 0;
    int depth = 0;
    for (String raw : s.split("\n", -1)) {
      String line = stripComment(raw);
      if (depth == 0) {
        if (line.isBlank()) {
          continue;
        }
        indent = 0;
        while (indent < line.length()
            && (line.charAt(indent) == ' ' || line.charAt(indent) == '\t')) {
          indent++;
        }
        cur.setLength(0);
      }
      cur.append(' ').append(line.trim());
      for (int i = 0; i < line.length(); i++) {
        char c = line.charAt(i);
        if (c == '(' || c == '[' || c == '{') {
          depth++;
        } else if (c == ')' || c == ']' || c == '}') {
          depth = Math.max(0, depth - 1);
        }
      }
      boolean continued = line.endsWith("\\");
      if (continued) {
        cur.setLength(cur.length() - 1);
      }
      if (depth == 0 && !continued) {
        out.add(new Line(indent, cur.toString().trim()));
      }
    }
    return out;
  }

  private static String stripComment(String line) {
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '#') {
        return line.substring(0, i).stripTrailing();
      }
    }
    return line.stripTrailing();
  }
}

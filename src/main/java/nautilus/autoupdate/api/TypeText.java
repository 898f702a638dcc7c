package nautilus.autoupdate.api;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A declared type as the model keeps it: the annotation's text, normalised so that two spellings of
 * one type compare equal. {@code Optional[X]}, {@code Union[X, None]} and {@code X | None} all read
 * {@code X | None}; the alternatives of a union are sorted ({@code None} last); names are qualified
 * through the module's imports ({@code InstrumentProviderConfig} imported from {@code
 * nautilus_trader.config} reads {@code nautilus_trader.config.InstrumentProviderConfig}); a string
 * annotation is read as the annotation it holds. Text that does not parse is kept as written, with
 * its spaces removed.
 */
public final class TypeText {
  private TypeText() {}

  /** The normalised text of {@code annotation}; {@code qualify} maps a dotted name as written. */
  public static String normalise(String annotation, UnaryOperator<String> qualify) {
    if (annotation == null || annotation.isBlank()) {
      return null;
    }
    String t = annotation.strip();
    if (t.length() >= 2
        && (t.charAt(0) == '"' || t.charAt(0) == '\'')
        && t.charAt(t.length() - 1) == t.charAt(0)) {
      t = t.substring(1, t.length() - 1).strip();
    }
    try {
      Parser p = new Parser(t.replaceAll("\\s+", " "), qualify);
      String out = p.union();
      return p.done() ? out : t.replaceAll("\\s+", "");
    } catch (IllegalStateException e) {
      return t.replaceAll("\\s+", "");
    }
  }

  /** The top-level alternatives of a normalised type ({@code A | B | None}: A, B, None). */
  public static List<String> alternatives(String type) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < type.length(); i++) {
      char c = type.charAt(i);
      if (c == '[') {
        depth++;
      } else if (c == ']') {
        depth--;
      } else if (c == '|' && depth == 0) {
        out.add(type.substring(start, i).strip());
        start = i + 1;
      }
    }
    out.add(type.substring(start).strip());
    return out;
  }

  /** The class an alternative names, without its type arguments ({@code list[int]}: list). */
  public static String head(String alternative) {
    int b = alternative.indexOf('[');
    return (b < 0 ? alternative : alternative.substring(0, b)).strip();
  }

  /** A small recursive-descent reader of annotation expressions. */
  private static final class Parser {
    private final String s;
    private final UnaryOperator<String> qualify;
    private int i;

    Parser(String s, UnaryOperator<String> qualify) {
      this.s = s;
      this.qualify = qualify;
    }

    boolean done() {
      skip();
      return i == s.length();
    }

    /** {@code a | b | ...}, flattened and sorted. */
    String union() {
      Set<String> alts = new LinkedHashSet<>();
      addAll(alts, atom());
      skip();
      while (i < s.length() && s.charAt(i) == '|') {
        i++;
        addAll(alts, atom());
        skip();
      }
      return join(alts);
    }

    private static void addAll(Set<String> into, String type) {
      into.addAll(alternatives(type));
    }

    private static String join(Set<String> alts) {
      List<String> sorted = new ArrayList<>(alts);
      boolean none = sorted.remove("None");
      sorted.sort(null);
      if (none) {
        sorted.add("None");
      }
      return String.join(" | ", sorted);
    }

    /** A dotted name with optional {@code [args]}, or a literal ({@code None}, {@code ...}). */
    String atom() {
      skip();
      int start = i;
      while (i < s.length()
          && (Character.isJavaIdentifierPart(s.charAt(i)) || s.charAt(i) == '.')) {
        i++;
      }
      if (start == i) {
        if (s.startsWith("...", i)) {
          i += 3;
          return "...";
        }
        if (i < s.length() && (s.charAt(i) == '"' || s.charAt(i) == '\'')) {
          return string();
        }
        if (i < s.length() && s.charAt(i) == '[') {
          // A bare list of types (Callable's arguments).
          return "[" + String.join(", ", args()) + "]";
        }
        throw new IllegalStateException("no type at " + i);
      }
      String name = s.substring(start, i);
      skip();
      if (i < s.length() && s.charAt(i) == '[') {
        List<String> args = args();
        String bare = name.startsWith("typing.") ? name.substring(7) : name;
        if (bare.equals("Optional") && args.size() == 1) {
          Set<String> alts = new LinkedHashSet<>(alternatives(args.get(0)));
          alts.add("None");
          return join(alts);
        }
        if (bare.equals("Union")) {
          Set<String> alts = new LinkedHashSet<>();
          args.forEach(a -> addAll(alts, a));
          return join(alts);
        }
        return q(name) + "[" + String.join(", ", args) + "]";
      }
      return name.equals("None") ? "None" : q(name);
    }

    private String q(String name) {
      String out = qualify.apply(name);
      return out == null ? name : out;
    }

    private List<String> args() {
      i++; // '['
      List<String> out = new ArrayList<>();
      skip();
      if (i < s.length() && s.charAt(i) == ']') {
        i++;
        return out;
      }
      while (true) {
        out.add(union());
        skip();
        if (i >= s.length()) {
          throw new IllegalStateException("unclosed [");
        }
        char c = s.charAt(i++);
        if (c == ']') {
          return out;
        }
        if (c != ',') {
          throw new IllegalStateException("unexpected " + c);
        }
      }
    }

    private String string() {
      char quote = s.charAt(i);
      int end = s.indexOf(quote, i + 1);
      if (end < 0) {
        throw new IllegalStateException("unclosed string");
      }
      String inner = s.substring(i + 1, end);
      i = end + 1;
      Parser p = new Parser(inner, qualify);
      String out = p.union();
      if (!p.done()) {
        throw new IllegalStateException("string annotation does not parse");
      }
      return out;
    }

    private void skip() {
      while (i < s.length() && s.charAt(i) == ' ') {
        i++;
      }
    }
  }
}

package nautilus.autoupdate.deps;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import nautilus.autoupdate.LineStarts;
import org.tomlj.TomlPosition;

/**
 * Finds where values sit in TOML source text, so edits change only the characters of a value and
 * never re-serialize the file. tomlj gives positions of keys; this walks from there to the value.
 */
final class TomlText {
  /** A string literal: its content range in the text, its value, and whether it has escapes. */
  record Literal(int contentStart, int contentEnd, String raw, boolean escaped) {
    /** The string's value: escapes of basic strings decoded. */
    String value() {
      return escaped ? unescape(raw) : raw;
    }
  }

  static String unescape(String raw) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c != '\\' || i + 1 >= raw.length()) {
        sb.append(c);
        continue;
      }
      char e = raw.charAt(++i);
      int hex = e == 'u' ? 4 : e == 'U' ? 8 : 0;
      if (hex > 0 && i + hex < raw.length()) {
        try {
          sb.appendCodePoint(Integer.parseInt(raw.substring(i + 1, i + 1 + hex), 16));
          i += hex;
          continue;
        } catch (IllegalArgumentException notHex) {
          // Fall through and keep the text as written.
        }
      }
      switch (e) {
        case 'n':
          sb.append('\n');
          break;
        case 't':
          sb.append('\t');
          break;
        default:
          sb.append(e);
      }
    }
    return sb.toString();
  }

  private final String text;
  private final int[] lineStarts;

  TomlText(String text) {
    this.text = text;
    List<Integer> starts = new ArrayList<>();
    starts.add(0);
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        starts.add(i + 1);
      }
    }
    lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
  }

  int offsetOf(TomlPosition p) {
    int line = Math.max(1, Math.min(p.line(), lineStarts.length));
    return Math.min(text.length(), lineStarts[line - 1] + Math.max(0, p.column() - 1));
  }

  int lineOf(int offset) {
    return LineStarts.indexOf(lineStarts, offset) + 1;
  }

  /** The offset of the value of the key that starts at {@code keyOffset}, or -1. */
  int valueAfterKey(int keyOffset) {
    int i = keyOffset;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '"' || c == '\'') {
        i = skipString(i);
        continue;
      }
      if (c == '=') {
        return skipBlanks(i + 1);
      }
      if (c == '\n') {
        return -1;
      }
      i++;
    }
    return -1;
  }

  /** The string literal starting at {@code offset}, if one does. */
  Optional<Literal> stringAt(int offset) {
    if (offset < 0 || offset >= text.length()) {
      return Optional.empty();
    }
    char q = text.charAt(offset);
    if (q != '"' && q != '\'') {
      return Optional.empty();
    }
    int delim = text.startsWith(String.valueOf(q).repeat(3), offset) ? 3 : 1;
    int start = offset + delim;
    int end = closing(start, q, delim);
    if (end < 0) {
      return Optional.empty();
    }
    String raw = text.substring(start, end);
    boolean escaped = (q == '"' && raw.indexOf('\\') >= 0) || delim == 3;
    return Optional.of(new Literal(start, end, raw, escaped));
  }

  /** The string literals directly inside the array that starts at {@code offset}. */
  List<Literal> stringsInArray(int offset) {
    List<Literal> out = new ArrayList<>();
    if (offset < 0 || offset >= text.length() || text.charAt(offset) != '[') {
      return out;
    }
    int depth = 0;
    int i = offset;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '"' || c == '\'') {
        if (depth == 1) {
          stringAt(i).ifPresent(out::add);
        }
        i = skipString(i);
        continue;
      }
      if (c == '#') {
        while (i < text.length() && text.charAt(i) != '\n') {
          i++;
        }
        continue;
      }
      if (c == '[' || c == '{') {
        depth++;
      } else if (c == ']' || c == '}') {
        depth--;
        if (depth == 0) {
          return out;
        }
      }
      i++;
    }
    return out;
  }

  private int skipBlanks(int i) {
    while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }

  private int skipString(int offset) {
    char q = text.charAt(offset);
    int delim = text.startsWith(String.valueOf(q).repeat(3), offset) ? 3 : 1;
    int end = closing(offset + delim, q, delim);
    return end < 0 ? text.length() : end + delim;
  }

  private int closing(int from, char q, int delim) {
    int i = from;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\\' && q == '"') {
        i += 2;
        continue;
      }
      if (delim == 1 && c == '\n') {
        return -1;
      }
      if (c == q && text.startsWith(String.valueOf(q).repeat(delim), i)) {
        return i;
      }
      i++;
    }
    return -1;
  }
}

package nautilus.autoupdate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

/**
 * The deepest nesting the JSON and TOML readers accept ({@code max_nesting_depth}). One value per
 * process, set when the configuration is loaded: the readers sit in every stage (notebooks, HTTP
 * bodies, pyproject.toml, uv.lock, reports) and all must stop at the same depth, where a hostile
 * file would otherwise end in a StackOverflowError. The configuration file itself is read with the
 * value before (the default on the first load).
 *
 * <p>Why a process-wide value and not one passed to the readers: {@link Json#mapper()} is called
 * about 45 times in some 28 files and TOML is parsed in 10 more, many of them in code that has no
 * configuration at hand (notebooks, HTTP bodies, saved reports, lock files), so passing the value
 * would touch most of the tool. A per-thread value would not reach the threads that read notebooks
 * for the scan ({@code CodeScanner}'s pool), and an inheritable one only threads made after it was
 * set: a pooled thread would read with a stale cap, the same leak less visible. Tests that change
 * it set it back.
 */
public final class Nesting {
  /** The default of {@code max_nesting_depth}. */
  public static final int DEFAULT = 200;

  private static volatile int max = DEFAULT;

  private Nesting() {}

  public static int max() {
    return max;
  }

  /** Sets the depth for the rest of the run (the loaded {@code max_nesting_depth}). */
  public static void limitTo(int depth) {
    max = Math.max(1, depth);
  }

  /** The one-line reason for a JSON document past the cap, else null. */
  public static String tooDeep(JsonProcessingException e) {
    return e instanceof StreamConstraintsException
            && String.valueOf(e.getOriginalMessage()).contains("nesting depth")
        ? message()
        : null;
  }

  /** {@code nested deeper than N levels (max_nesting_depth)}. */
  public static String message() {
    return "nested deeper than " + max + " levels (max_nesting_depth)";
  }

  /**
   * The line at which TOML text nests arrays and inline tables deeper than the cap, else -1;
   * brackets inside strings and comments do not count. tomlj parses by recursion and has no limit
   * of its own, so this runs before it.
   */
  public static int tomlTooDeepAt(String text) {
    int limit = max;
    int depth = 0;
    int line = 1;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\n' -> line++;
        case '#' -> {
          while (i + 1 < n && text.charAt(i + 1) != '\n') {
            i++;
          }
        }
        case '"', '\'' -> {
          boolean multi = text.startsWith(String.valueOf(c).repeat(3), i);
          int end = multi ? stringEnd(text, i + 3, c, true) : stringEnd(text, i + 1, c, false);
          for (int k = i; k < end && k < n; k++) {
            if (text.charAt(k) == '\n') {
              line++;
            }
          }
          i = end - 1;
        }
        case '[', '{' -> {
          if (++depth > limit) {
            return line;
          }
        }
        case ']', '}' -> depth = Math.max(0, depth - 1);
        default -> {
          // Keys, values and whitespace do not nest.
        }
      }
    }
    return -1;
  }

  /** The index just past the string starting before {@code from} (or the end of a broken one). */
  private static int stringEnd(String text, int from, char quote, boolean multi) {
    int n = text.length();
    for (int i = from; i < n; i++) {
      char c = text.charAt(i);
      if (c == '\\' && quote == '"') {
        i++;
      } else if (!multi && c == '\n') {
        return i;
      } else if (c == quote) {
        if (!multi) {
          return i + 1;
        }
        if (text.startsWith(String.valueOf(quote).repeat(3), i)) {
          int end = i + 3;
          // """a"""" ends with the last three quotes.
          while (end < n && text.charAt(end) == quote && end - i < 5) {
            end++;
          }
          return end;
        }
      }
    }
    return n;
  }
}

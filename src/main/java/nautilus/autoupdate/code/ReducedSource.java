package nautilus.autoupdate.code;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * What a focused scan parses of a Python file: the text without what that read never looks at (see
 * {@link #reduce}), since parsing and copying the tree cost per byte and per node and are most of a
 * cold scan. What stays is kept byte for byte, so its tree is the same, and {@link Reduced} maps
 * its offsets back. Also which occurrences of the words stand in code ({@link #inCode}).
 *
 * <p>Statements are found with a small Python tokenizer (strings, comments, brackets, line
 * continuations, indentation). Where it meets something it does not follow (an unterminated string,
 * unbalanced brackets) it cuts nothing; the caller parses the original text if the reduced one does
 * not parse cleanly.
 */
final class ReducedSource {
  /**
   * The target side of {@code x.y = ...} or {@code x.y: T = ...}: it may type a class attribute.
   */
  private static final Pattern ATTRIBUTE_TARGET =
      Pattern.compile("\\s*[A-Za-z_][A-Za-z0-9_]*\\.[A-Za-z_][A-Za-z0-9_]*\\s*(:[^=]*)?");

  private static final byte[] ELLIPSIS = "...".getBytes(StandardCharsets.US_ASCII);

  private static final byte[] EMPTY_SIGNATURE = "():...".getBytes(StandardCharsets.US_ASCII);

  private ReducedSource() {}

  /** A text and its statements (null where the tokenizer cannot follow it). */
  private record Tokenized(byte[] src, Statements statements) {}

  /** This thread's last text: {@link #inCode} then {@link #reduce} read the same one. */
  private static final ThreadLocal<Tokenized> LAST = new ThreadLocal<>();

  /** {@link Statements#of}, kept for the same array (by identity) on this thread. */
  private static Statements statementsOf(byte[] src) {
    Tokenized last = LAST.get();
    if (last != null && last.src() == src) {
      return last.statements();
    }
    Statements s = Statements.of(src);
    LAST.set(new Tokenized(src, s));
    return s;
  }

  /**
   * {@code src} reduced to what a focused read of it looks at, with the map back to {@code src}'s
   * offsets; {@link Reduced#none} when nothing can go or the text cannot be followed. What goes:
   *
   * <ul>
   *   <li>all but the name of a function with no word of interest that assigns no attribute (it
   *       becomes {@code def name():...}: only its name is read);
   *   <li>in a function with no word of interest that assigns attributes (only its {@code self.x =
   *       ...} lines are read), each statement with no {@code =} or {@code :} outside brackets;
   *   <li>comments, and statements that are a lone plain string (docstrings): neither is a use.
   * </ul>
   */
  static Reduced reduce(byte[] src, WordScan.Hits focus) {
    Statements s = statementsOf(src);
    if (s == null) {
      return Reduced.none(src);
    }
    Cuts cuts = new Cuts();
    for (int l = 0; l < s.count; l++) {
      if (s.plainString[l]) {
        cuts.add(s.start[l], s.end[l], ELLIPSIS);
      }
      if (!s.def[l]) {
        continue;
      }
      int m = blockEnd(s, l, s.count);
      if (m == l + 1 && !s.inlineBody[l]) {
        continue; // no indented body: not valid Python, left to the parser to report
      }
      int from = s.start[l];
      // Up to the next statement's line: trailing comments count as inside, which only keeps more.
      int to = m < s.count ? lineStart(src, s.start[m]) : src.length;
      if (focus.within(from, to)) {
        continue; // read in full; functions nested in it are looked at in turn
      }
      if (assignsAttributes(src, from, to)) {
        if (!s.inlineBody[l]) {
          thin(src, s, l, m, cuts);
          l = m - 1;
        }
        continue;
      }
      // Only the name is read: what follows it becomes "():...".
      cuts.add(nameEnd(src, from), s.end[m - 1], EMPTY_SIGNATURE);
      l = m - 1;
    }
    for (int c = 0; c < s.comments; c++) {
      cuts.add(s.commentFrom[c], s.commentTo[c], null);
    }
    return cuts.apply(src);
  }

  /**
   * {@code hits} without those in comments and in statements that are a lone plain string
   * (docstrings): no use can be there, so they neither make a file worth reading nor keep a
   * function body in view. {@code hits} itself when the text cannot be followed.
   */
  static WordScan.Hits inCode(byte[] src, WordScan.Hits hits) {
    if (hits.offsets().length == 0) {
      return hits;
    }
    Statements s = statementsOf(src);
    if (s == null) {
      return hits;
    }
    int[] offsets = inCode(hits.offsets(), s);
    return offsets.length == hits.offsets().length
        ? hits
        : new WordScan.Hits(offsets, inCode(hits.triggers(), s));
  }

  private static int[] inCode(int[] sorted, Statements s) {
    int[] kept = new int[sorted.length];
    int n = 0;
    int c = 0;
    int l = 0;
    for (int at : sorted) {
      while (c < s.comments && s.commentTo[c] <= at) {
        c++;
      }
      if (c < s.comments && s.commentFrom[c] <= at) {
        continue;
      }
      while (l < s.count && s.end[l] <= at) {
        l++;
      }
      if (l < s.count && s.plainString[l] && s.start[l] <= at) {
        continue;
      }
      kept[n++] = at;
    }
    return Arrays.copyOf(kept, n);
  }

  /**
   * Cuts, in the body of the function at line {@code l} (lines {@code l + 1 .. m - 1}), every
   * statement that cannot assign: no {@code =} or {@code :} outside brackets (block headers have
   * one, so the nesting stays). A block left with nothing keeps {@code ...}.
   */
  private static void thin(byte[] src, Statements s, int l, int m, Cuts cuts) {
    boolean bodyEmpty = true;
    for (int k = l + 1; k < m && bodyEmpty; k++) {
      bodyEmpty = !s.assignLike[k];
    }
    if (bodyEmpty) {
      cuts.add(s.start[l + 1], s.end[m - 1], ELLIPSIS);
      return;
    }
    for (int j = l + 1; j < m; j++) {
      if (!s.assignLike[j]) {
        cuts.add(lineStart(src, s.start[j]), afterNewline(src, s.end[j]), null);
        continue;
      }
      int b = blockEnd(s, j, m);
      boolean empty = b > j + 1;
      for (int k = j + 1; k < b && empty; k++) {
        empty = !s.assignLike[k];
      }
      if (empty) {
        // The block keeps "..." in place of its first statement.
        cuts.add(s.start[j + 1], s.end[j + 1], ELLIPSIS);
        for (int k = j + 2; k < b; k++) {
          cuts.add(lineStart(src, s.start[k]), afterNewline(src, s.end[k]), null);
        }
        j = b - 1;
      }
    }
  }

  /** Where the name of the function defined by the statement at {@code from} ends. */
  private static int nameEnd(byte[] src, int from) {
    int k = from;
    if (src[k] == 'a') {
      k += "async".length(); // async def: the keyword, then blanks
      while (src[k] == ' ' || src[k] == '\t') {
        k++;
      }
    }
    k += "def".length();
    while (k < src.length && (src[k] == ' ' || src[k] == '\t')) {
      k++;
    }
    while (k < src.length && WordScan.identifierByte(src[k])) {
      k++;
    }
    return k;
  }

  /** The first line after {@code l} (below {@code limit}) that is not indented deeper than it. */
  private static int blockEnd(Statements s, int l, int limit) {
    int m = l + 1;
    while (m < limit && s.indent[m] > s.indent[l]) {
      m++;
    }
    return m;
  }

  /**
   * Byte ranges to leave out of a text; one with a {@code replacement} puts it in their place (no
   * longer than the range), so what is left stays valid Python.
   */
  private static final class Cuts {
    private int[] from = new int[16];
    private int[] to = new int[16];
    private byte[][] replacement = new byte[16][];
    private int size;

    void add(int cutFrom, int cutTo, byte[] replace) {
      if (cutTo - cutFrom < (replace == null ? 1 : replace.length)) {
        return;
      }
      if (size == from.length) {
        from = Arrays.copyOf(from, size * 2);
        to = Arrays.copyOf(to, size * 2);
        replacement = Arrays.copyOf(replacement, size * 2);
      }
      from[size] = cutFrom;
      to[size] = cutTo;
      replacement[size++] = replace;
    }

    Reduced apply(byte[] src) {
      if (size == 0) {
        return Reduced.none(src);
      }
      Integer[] order = new Integer[size];
      for (int i = 0; i < size; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (x, y) -> Integer.compare(from[x], from[y]));
      byte[] text = new byte[src.length];
      int[] at = new int[2 * size + 1];
      int[] origin = new int[2 * size + 1];
      int pieces = 0;
      int pos = 0;
      int next = 0;
      for (int i : order) {
        if (from[i] < next) {
          next = Math.max(next, to[i]); // inside an earlier cut
          continue;
        }
        if (from[i] > next) {
          at[pieces] = pos;
          origin[pieces++] = next;
          System.arraycopy(src, next, text, pos, from[i] - next);
          pos += from[i] - next;
        }
        byte[] r = replacement[i];
        if (r != null) {
          at[pieces] = pos;
          origin[pieces++] = from[i];
          System.arraycopy(r, 0, text, pos, r.length);
          pos += r.length;
        }
        next = to[i];
      }
      at[pieces] = pos;
      origin[pieces++] = next;
      System.arraycopy(src, next, text, pos, src.length - next);
      pos += src.length - next;
      return new Reduced(
          Arrays.copyOf(text, pos), Arrays.copyOf(at, pieces), Arrays.copyOf(origin, pieces));
    }
  }

  /**
   * A reduced text and where its pieces came from: piece k starts at {@code at[k]} in {@code text}
   * and at {@code from[k]} in the original.
   */
  record Reduced(byte[] text, int[] at, int[] from) {
    static Reduced none(byte[] src) {
      return new Reduced(src, new int[] {0}, new int[] {0});
    }

    boolean reduced() {
      return at.length > 1 || from[0] != 0;
    }

    /** The original offset of the byte at {@code offset} in the text. */
    int original(int offset) {
      int k = Arrays.binarySearch(at, offset);
      if (k < 0) {
        k = -k - 2;
      }
      return from[k] + offset - at[k];
    }

    /**
     * The original offset of an end (exclusive) at {@code offset}: a piece's end maps to its own.
     */
    int originalEnd(int offset) {
      return offset == 0 ? 0 : original(offset - 1) + 1;
    }
  }

  /**
   * Whether a line in {@code [from, to)} assigns to an attribute: {@code x.y = v}, {@code x.y: T =
   * v}.
   */
  static boolean assignsAttributes(byte[] src, int from, int to) {
    for (int k = from + 1; k < to - 1; k++) {
      if (src[k] != '=' || src[k + 1] == '=' || "=!<>+-*/%&|^@:".indexOf(src[k - 1]) >= 0) {
        continue;
      }
      int lineStart = k;
      while (lineStart > from && src[lineStart - 1] != '\n') {
        lineStart--;
      }
      String target = new String(src, lineStart, k - lineStart, StandardCharsets.ISO_8859_1);
      if (ATTRIBUTE_TARGET.matcher(target).matches()) {
        return true;
      }
    }
    return false;
  }

  /** Past the line break at {@code at} ({@code \n}, {@code \r\n} or {@code \r}), if any. */
  private static int afterNewline(byte[] src, int at) {
    if (at < src.length && src[at] == '\r') {
      at++;
    }
    return at < src.length && src[at] == '\n' ? at + 1 : at;
  }

  private static int lineStart(byte[] src, int at) {
    int k = at;
    while (k > 0 && src[k - 1] != '\n' && src[k - 1] != '\r') {
      k--;
    }
    return k;
  }

  /**
   * The logical lines of a Python source: where each starts (its first token) and ends (its
   * newline), its indentation column, and for {@code def} lines whether the body follows on the
   * same line.
   */
  static final class Statements {
    int count;
    int[] start = new int[64];
    int[] end = new int[64];
    int[] indent = new int[64];
    boolean[] def = new boolean[64];
    boolean[] inlineBody = new boolean[64];

    /** A lone plain string (no f or t prefix, no other token): a docstring, say. */
    boolean[] plainString = new boolean[64];

    /** Holds {@code =} or {@code :} outside brackets: may assign, or opens a block. */
    boolean[] assignLike = new boolean[64];

    /**
     * Comments, [commentFrom, commentTo); a comment alone on its line counts from the line start.
     */
    int comments;

    int[] commentFrom = new int[64];
    int[] commentTo = new int[64];

    /** The statements of {@code src}, or null where the tokenizer cannot follow it. */
    static Statements of(byte[] src) {
      Statements s = new Statements();
      int n = src.length;
      int i = 0;
      while (i < n) {
        int col = 0;
        int j = i;
        while (j < n) {
          byte c = src[j];
          if (c == ' ') {
            col++;
          } else if (c == '\t') {
            col = (col / 8 + 1) * 8; // Python's tab stops
          } else if (c == '\f') {
            col = 0;
          } else {
            break;
          }
          j++;
        }
        if (j >= n) {
          break;
        }
        byte c = src[j];
        if (c == '\n' || c == '\r') {
          i = j + 1; // a blank line
          continue;
        }
        if (c == '#') {
          int commentEnd = lineEnd(src, j);
          s.comment(i, afterNewline(src, commentEnd)); // the whole line goes
          i = commentEnd;
          continue;
        }
        int end = s.logicalLine(src, j, col);
        if (end < 0) {
          return null;
        }
        i = end;
      }
      return s;
    }

    /** Reads the logical line that starts at {@code j}; returns where the next one may start. */
    private int logicalLine(byte[] src, int j, int col) {
      int n = src.length;
      boolean isDef = startsDef(src, j);
      int quote = j;
      while (quote < n && quote - j < 2 && "rRbBuU".indexOf(src[quote]) >= 0) {
        quote++;
      }
      int firstStringEnd = -1;
      boolean assigns = false;
      int depth = 0;
      int colon = -1;
      int lastCode = -1;
      int k = j;
      while (k < n) {
        byte c = src[k];
        if (c == '#') {
          int commentEnd = lineEnd(src, k);
          comment(k, commentEnd);
          k = commentEnd;
          continue;
        }
        if (c == '\'' || c == '"') {
          int from = k;
          k = stringEnd(src, k);
          if (k < 0) {
            return -1;
          }
          if (from == quote) {
            firstStringEnd = k;
          }
          lastCode = k - 1;
          continue;
        }
        if (c == '\\') {
          int after = newlineAfter(src, k + 1);
          if (after >= 0) {
            k = after; // an explicit line continuation
            continue;
          }
        }
        if (c == '\n' || c == '\r') {
          if (depth == 0) {
            break;
          }
          k++;
          continue;
        }
        if (c == '(' || c == '[' || c == '{') {
          depth++;
        } else if (c == ')' || c == ']' || c == '}') {
          if (--depth < 0) {
            return -1;
          }
        } else if ((c == ':' || c == '=') && depth == 0) {
          assigns = true;
          if (c == ':' && isDef && colon < 0) {
            colon = k;
          }
        }
        if (c != ' ' && c != '\t' && c != '\f') {
          lastCode = k;
        }
        k++;
      }
      if (depth != 0) {
        return -1;
      }
      if (count == start.length) {
        int size = count * 2;
        start = Arrays.copyOf(start, size);
        end = Arrays.copyOf(end, size);
        indent = Arrays.copyOf(indent, size);
        def = Arrays.copyOf(def, size);
        inlineBody = Arrays.copyOf(inlineBody, size);
        plainString = Arrays.copyOf(plainString, size);
        assignLike = Arrays.copyOf(assignLike, size);
      }
      start[count] = j;
      end[count] = k;
      indent[count] = col;
      def[count] = isDef && colon >= 0;
      inlineBody[count] = colon >= 0 && lastCode > colon;
      plainString[count] = firstStringEnd >= 0 && lastCode == firstStringEnd - 1;
      assignLike[count] = assigns;
      count++;
      return k < n ? k + 1 : n;
    }

    private void comment(int from, int to) {
      if (comments == commentFrom.length) {
        commentFrom = Arrays.copyOf(commentFrom, comments * 2);
        commentTo = Arrays.copyOf(commentTo, comments * 2);
      }
      commentFrom[comments] = from;
      commentTo[comments++] = to;
    }

    /** Whether the statement at {@code j} is {@code def ...} or {@code async def ...}. */
    private static boolean startsDef(byte[] src, int j) {
      if (keywordAt(src, j, "def")) {
        return true;
      }
      if (!keywordAt(src, j, "async")) {
        return false;
      }
      int k = j + 5;
      while (k < src.length && (src[k] == ' ' || src[k] == '\t')) {
        k++;
      }
      return k > j + 5 && keywordAt(src, k, "def");
    }

    private static boolean keywordAt(byte[] src, int j, String word) {
      int len = word.length();
      if (j + len > src.length) {
        return false;
      }
      for (int k = 0; k < len; k++) {
        if (src[j + k] != word.charAt(k)) {
          return false;
        }
      }
      return j + len == src.length || !WordScan.identifierByte(src[j + len]);
    }

    /** Where the string literal whose opening quote is at {@code q} ends, or -1 if it does not. */
    private static int stringEnd(byte[] src, int q) {
      int n = src.length;
      byte quote = src[q];
      boolean triple = q + 2 < n && src[q + 1] == quote && src[q + 2] == quote;
      int k = q + (triple ? 3 : 1);
      while (k < n) {
        byte c = src[k];
        if (c == '\\') {
          // Escapes the next character, even in a raw string (r"\"" is one string).
          k += k + 2 < n && src[k + 1] == '\r' && src[k + 2] == '\n' ? 3 : 2;
          continue;
        }
        if (c == quote) {
          if (!triple) {
            return k + 1;
          }
          if (k + 2 < n && src[k + 1] == quote && src[k + 2] == quote) {
            return k + 3;
          }
        } else if (!triple && (c == '\n' || c == '\r')) {
          return -1;
        }
        k++;
      }
      return -1;
    }

    /**
     * After a line continuation's backslash: the next line's start, or -1 if no newline follows.
     */
    private static int newlineAfter(byte[] src, int k) {
      if (k < src.length && src[k] == '\n') {
        return k + 1;
      }
      if (k < src.length && src[k] == '\r') {
        return k + 1 < src.length && src[k + 1] == '\n' ? k + 2 : k + 1;
      }
      return -1;
    }

    private static int lineEnd(byte[] src, int k) {
      while (k < src.length && src[k] != '\n' && src[k] != '\r') {
        k++;
      }
      return k;
    }
  }
}

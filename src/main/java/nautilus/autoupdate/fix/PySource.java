package nautilus.autoupdate.fix;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import nautilus.autoupdate.LineStarts;
import org.treesitter.TSNode;
import org.treesitter.TSParser;
import org.treesitter.TSTree;
import org.treesitter.TSTreeCursor;
import org.treesitter.TreeSitterPython;

/**
 * One Python source parsed with tree-sitter, with byte-exact helpers. Offsets are into {@link
 * #bytes()} (a UTF-8 BOM, if any, is skipped for parsing and added back to every offset).
 */
final class PySource {
  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  private final byte[] bytes;
  private final int base;
  private final TSTree tree;
  private final int[] lineStarts;

  private PySource(byte[] bytes, TSTree tree) {
    this.bytes = bytes;
    this.base = startsWithBom(bytes) ? BOM.length : 0;
    this.tree = tree;
    List<Integer> starts = new ArrayList<>();
    // The BOM belongs to no line: the first line's text starts after it.
    starts.add(base);
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        starts.add(i + 1);
      }
    }
    this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Parses UTF-8 Python; throws IllegalArgumentException when the bytes are not UTF-8. */
  static PySource parse(byte[] bytes) {
    int base = startsWithBom(bytes) ? BOM.length : 0;
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes, base, bytes.length - base))
              .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("not UTF-8 text", e);
    }
    TSParser parser = new TSParser();
    parser.setLanguage(new TreeSitterPython());
    return new PySource(bytes, parser.parseString(null, text));
  }

  private static boolean startsWithBom(byte[] b) {
    return b.length >= 3 && b[0] == BOM[0] && b[1] == BOM[1] && b[2] == BOM[2];
  }

  byte[] bytes() {
    return bytes;
  }

  TSNode root() {
    return tree.getRootNode();
  }

  int start(TSNode n) {
    return n.getStartByte() + base;
  }

  int end(TSNode n) {
    return n.getEndByte() + base;
  }

  String text(TSNode n) {
    return text(start(n), end(n));
  }

  String text(int from, int to) {
    return new String(bytes, from, to - from, StandardCharsets.UTF_8);
  }

  /**
   * The byte offset of a 1-based line and 1-based column; the column counts bytes, as tree-sitter
   * and the code stage do (the same as characters on ASCII lines).
   */
  int offsetOf(int line, int column) {
    int l = Math.max(1, Math.min(line, lineStarts.length));
    int start = lineStarts[l - 1];
    return Math.min(start + Math.max(0, column - 1), lineEnd(start));
  }

  /** Line helpers only, without a parse (for edited content and config files). */
  static PySource lines(byte[] bytes) {
    return new PySource(bytes, null);
  }

  /** 1-based column (in bytes) of a byte offset. */
  int columnOf(int offset) {
    return offset - lineStart(offset) + 1;
  }

  /** 1-based line number of a byte offset. */
  int lineOf(int offset) {
    return LineStarts.indexOf(lineStarts, offset) + 1;
  }

  int lineStart(int offset) {
    return lineStarts[lineOf(offset) - 1];
  }

  /** Offset of the line's terminator ("\r\n" or "\n"), or the end of the file. */
  int lineEnd(int offset) {
    int i = offset;
    while (i < bytes.length && bytes[i] != '\n') {
      i++;
    }
    return i > offset && i <= bytes.length && i > 0 && bytes[i - 1] == '\r' ? i - 1 : i;
  }

  /** Offset just after the line's terminator (the next line's start, or the end of the file). */
  int nextLineStart(int offset) {
    int line = lineOf(offset);
    return line < lineStarts.length ? lineStarts[line] : bytes.length;
  }

  /** The whole text of the lines that {@code [from, to)} touches, without the last terminator. */
  String linesText(int from, int to) {
    return text(lineStart(from), lineEnd(Math.max(from, to - 1)));
  }

  String indentOf(int offset) {
    int s = lineStart(offset);
    int i = s;
    while (i < bytes.length && (bytes[i] == ' ' || bytes[i] == '\t')) {
      i++;
    }
    return text(s, i);
  }

  /** The file's own line terminator, so inserted lines match (CRLF files stay CRLF). */
  String newline() {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        return i > 0 && bytes[i - 1] == '\r' ? "\r\n" : "\n";
      }
    }
    return "\n";
  }

  /** Whether only spaces and tabs stand between the line start and {@code offset}. */
  boolean onlyBlankBefore(int offset) {
    for (int i = lineStart(offset); i < offset; i++) {
      if (bytes[i] != ' ' && bytes[i] != '\t') {
        return false;
      }
    }
    return true;
  }

  byte at(int offset) {
    return offset < bytes.length ? bytes[offset] : 0;
  }

  /** Tree-sitter ERROR and MISSING nodes: the measure "no new parse errors" compares. */
  int errorCount() {
    return countErrors(root());
  }

  private static int countErrors(TSNode n) {
    if (!n.hasError() && !n.isMissing()) {
      return 0;
    }
    int count = n.isError() || n.isMissing() ? 1 : 0;
    for (TSNode child : children(n)) {
      count += countErrors(child);
    }
    return count;
  }

  /** The smallest node spanning the byte at {@code offset}. */
  TSNode nodeAt(int offset) {
    int o = Math.max(0, offset - base);
    return root().getDescendantForByteRange(o, o);
  }

  /** All nodes (depth first, in source order) that satisfy {@code test}. */
  List<TSNode> find(TSNode from, Predicate<TSNode> test) {
    List<TSNode> found = new ArrayList<>();
    walk(from, 0, Integer.MAX_VALUE, test, found);
    return found;
  }

  /** Nodes starting within bytes {@code [from, to]} that satisfy {@code test}, in order. */
  List<TSNode> startingIn(int from, int to, Predicate<TSNode> test) {
    List<TSNode> found = new ArrayList<>();
    walk(root(), from, to, n -> start(n) >= from && test.test(n), found);
    return found;
  }

  /**
   * Pre-order walk with a tree cursor (node.getChild(i) is linear in i, so indexing children would
   * be quadratic on a module with thousands of statements), visiting only nodes that overlap {@code
   * [lo, hi]}.
   */
  private void walk(TSNode from, int lo, int hi, Predicate<TSNode> test, List<TSNode> out) {
    try (TSTreeCursor c = new TSTreeCursor(from)) {
      while (true) {
        TSNode n = c.currentNode();
        if (start(n) > hi) {
          return; // everything after starts later still
        }
        boolean overlaps = end(n) >= lo;
        if (overlaps && test.test(n)) {
          out.add(n);
        }
        if (overlaps && c.gotoFirstChildForByte(Math.max(0, lo - base)) >= 0) {
          continue;
        }
        while (!c.gotoNextSibling()) {
          if (!c.gotoParent()) {
            return;
          }
        }
      }
    }
  }

  /** The children of {@code n} in order, read with a cursor. */
  static List<TSNode> children(TSNode n) {
    List<TSNode> out = new ArrayList<>();
    try (TSTreeCursor c = new TSTreeCursor(n)) {
      if (c.gotoFirstChild()) {
        do {
          out.add(c.currentNode());
        } while (c.gotoNextSibling());
      }
    }
    return out;
  }

  /** The nearest ancestor (or the node itself) of one of the given types, or null. */
  static TSNode ancestor(TSNode n, String... types) {
    for (TSNode cur = n; cur != null && !cur.isNull(); cur = cur.getParent()) {
      for (String t : types) {
        if (t.equals(cur.getType())) {
          return cur;
        }
      }
    }
    return null;
  }

  /** Children of {@code n} in the given field, in order. */
  static List<TSNode> fieldChildren(TSNode n, String field) {
    List<TSNode> out = new ArrayList<>();
    try (TSTreeCursor c = new TSTreeCursor(n)) {
      if (c.gotoFirstChild()) {
        do {
          if (field.equals(c.currentFieldName())) {
            out.add(c.currentNode());
          }
        } while (c.gotoNextSibling());
      }
    }
    return out;
  }

  static boolean same(TSNode a, TSNode b) {
    return a != null
        && b != null
        && a.getStartByte() == b.getStartByte()
        && a.getEndByte() == b.getEndByte()
        && a.getType().equals(b.getType());
  }
}

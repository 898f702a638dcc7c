package nautilus.autoupdate.code;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import org.treesitter.TSLanguage;
import org.treesitter.TSNode;
import org.treesitter.TSParser;
import org.treesitter.TSSymbolType;
import org.treesitter.TSTree;

/**
 * A Java copy of the named nodes of a tree-sitter tree, read in one cursor walk. The binding's node
 * API costs a few microseconds per call (every call marshals a node object through JNI), which made
 * walking the native tree ten times slower than parsing it; the copy is then read at Java speed. Of
 * a function that holds no word of interest (and assigns no attribute, which a class needs) only
 * the name is copied, as the extractor reads no more of it.
 *
 * <p>It extends {@link TSParser} only to reach the binding's protected static native functions,
 * which skip the public API's extra null-check round trip per call; it is never instantiated.
 */
final class SyntaxTree extends TSParser {
  private static final VarHandle START_BYTE = startByteHandle();

  /**
   * Named tokens of tree-sitter-python: leaves, whatever text they hold (an f-string's {@code
   * string_content} may hold {@code escape_sequence} nodes; nothing reads them).
   */
  static final String[] LEAVES = {
    "identifier",
    "integer",
    "float",
    "string_start",
    "string_content",
    "string_end",
    "escape_sequence",
    "true",
    "false",
    "none",
    "ellipsis",
    "type_conversion"
  };

  /** Names, kinds and field names of one language, looked up once. */
  static final class Grammar {
    final String[] symbolNames;
    final boolean[] named;

    /** Where ERROR nodes go: their symbol lies outside the language's table. */
    final int error;

    final String[] fieldNames;
    final int identifier;
    final boolean[] leaf;

    /** An anonymous token's symbol, standing for any of {@code , ) ] } ;}. */
    final int punctuation;

    /** Comments and line continuations: they may sit anywhere, and nothing reads them. */
    final boolean[] extra;

    final int functionDefinition;
    final int nameField;

    Grammar(TSLanguage lang) {
      int symbols = lang.symbolCount();
      symbolNames = new String[symbols + 1];
      named = new boolean[symbols + 1];
      for (int s = 0; s < symbols; s++) {
        symbolNames[s] = lang.symbolName(s);
        named[s] = lang.symbolType(s) == TSSymbolType.TSSymbolTypeRegular;
      }
      error = symbols;
      punctuation = lang.symbolForName(",", false);
      extra = new boolean[symbols + 1];
      mark(lang, extra, "comment", "line_continuation");
      symbolNames[error] = "ERROR";
      named[error] = true;
      int fields = lang.fieldCount();
      fieldNames = new String[fields + 1];
      for (int f = 1; f <= fields; f++) {
        fieldNames[f] = lang.fieldNameForId(f);
      }
      identifier = lang.symbolForName("identifier", true);
      // Anonymous nodes and these named tokens have no named children: asking costs a JNI call.
      leaf = new boolean[symbols + 1];
      for (int sym = 0; sym < symbols; sym++) {
        leaf[sym] = !named[sym];
      }
      mark(lang, leaf, LEAVES);
      functionDefinition = lang.symbolForName("function_definition", true);
      nameField = lang.fieldIdForName("name");
    }

    /** Sets the flag of each named symbol the language has. */
    private static void mark(TSLanguage lang, boolean[] flags, String... names) {
      for (String name : names) {
        int sym = lang.symbolForName(name, true);
        if (sym > 0 && sym < flags.length - 1) {
          flags[sym] = true;
        }
      }
    }
  }

  final Grammar grammar;
  final byte[] src;

  /** What was parsed when it was not {@code src} itself: node offsets are mapped back. */
  private final ReducedSource.Reduced text;

  /** The bytes tree-sitter parsed: node offsets point into them. */
  private final byte[] parsed;

  int size;
  int[] type = new int[256];
  int[] field = new int[256];
  int[] start = new int[256];
  int[] end = new int[256];
  int[] parent = new int[256];

  /** Named children of node i: {@code children[childFrom[i] .. childFrom[i + 1])}. */
  int[] childFrom;

  int[] children;
  boolean hasError;

  private SyntaxTree(Grammar grammar, byte[] src, ReducedSource.Reduced text) {
    this.grammar = grammar;
    this.src = src;
    this.text = text.reduced() ? text : null;
    this.parsed = text.text();
  }

  /**
   * Copies {@code tree}, parsed from {@code text} (which is {@code src} or a reduction of it), with
   * offsets into {@code src}; {@code focus} null keeps every body.
   */
  static SyntaxTree copy(
      TSTree tree, byte[] src, ReducedSource.Reduced text, Grammar grammar, WordScan.Hits focus) {
    SyntaxTree t = new SyntaxTree(grammar, src, text);
    TSNode root = tree.getRootNode();
    t.hasError = root.hasError();
    long cursor = ts_tree_cursor_new(root);
    try {
      t.walk(cursor, focus);
    } finally {
      ts_tree_cursor_delete(cursor);
    }
    t.index();
    return t;
  }

  private void walk(long cursor, WordScan.Hits focus) {
    // Per cursor depth, the copied index of the nearest named ancestor-or-self.
    int[] namedAt = new int[64];
    int depth = 0;
    namedAt[0] = -1;
    boolean descend = true;
    int quietFunction = -1;
    while (true) {
      if (descend) {
        TSNode node = ts_tree_cursor_current_node(cursor);
        int symbol;
        if (closingPunctuation(node)) {
          symbol = grammar.punctuation; // spares the symbol's JNI call on the commonest tokens
        } else {
          symbol = ts_node_symbol(node);
          if (symbol < 0 || symbol >= grammar.error) {
            symbol = grammar.error;
          }
        }
        int owner = namedAt[depth];
        int self = owner;
        boolean skip = false;
        if (owner != quietFunction) {
          // Of a quiet function only its direct children are visited: past them, it is over.
          quietFunction = -1;
        }
        // Anonymous tokens (keywords, punctuation) are passed over: nothing reads them. So are
        // comments and line continuations, which may sit between any two children (a comment in
        // a parameter list would otherwise hide which parameter is self).
        if (grammar.extra[symbol]) {
          skip = true;
        } else if (grammar.named[symbol]) {
          int fieldId = ts_tree_cursor_current_field_id(cursor);
          if (quietFunction >= 0 && owner == quietFunction && fieldId != grammar.nameField) {
            skip = true; // a quiet function's parameters, return type and body
          } else {
            int from = startByte(node);
            if (text != null) {
              from = text.original(from);
            }
            // An identifier ends where its characters do; anything else is asked, since hidden
            // tokens (a newline, an f-string format spec's text) belong to no visible leaf.
            int to;
            if (symbol == grammar.identifier && !hasError) {
              to = identifierEnd(from);
            } else {
              to = ts_node_end_byte(node);
              if (text != null) {
                to = text.originalEnd(to);
              }
            }
            self = add(symbol, fieldId, from, to, owner);
            if (focus != null
                && symbol == grammar.functionDefinition
                && !focus.within(from, to)
                && !ReducedSource.assignsAttributes(src, from, to)) {
              // Nothing here can be a site or type a class attribute: only its name matters.
              quietFunction = self;
            }
          }
        }
        if (!skip && !grammar.leaf[symbol] && ts_tree_cursor_goto_first_child(cursor)) {
          depth++;
          if (depth == namedAt.length) {
            namedAt = Arrays.copyOf(namedAt, depth * 2);
          }
          namedAt[depth] = self;
          continue;
        }
      }
      if (ts_tree_cursor_goto_next_sibling(cursor)) {
        descend = true;
        continue;
      }
      if (!ts_tree_cursor_goto_parent(cursor)) {
        break;
      }
      depth--;
      descend = false;
    }
  }

  /**
   * Whether the node starts with {@code , ) ] } ;}: then it is that anonymous token, as no named
   * node of the grammar starts with one (an error tree may break that rule: it is asked).
   */
  private boolean closingPunctuation(TSNode node) {
    if (START_BYTE == null || hasError) {
      return false;
    }
    int at = (int) START_BYTE.get(node);
    if (at >= parsed.length) {
      return false;
    }
    byte c = parsed[at];
    return c == ',' || c == ')' || c == ']' || c == '}' || c == ';';
  }

  /** Where the identifier that starts at {@code from} ends. */
  private int identifierEnd(int from) {
    int i = from;
    while (i < src.length && WordScan.identifierByte(src[i])) {
      i++;
    }
    return i;
  }

  private int add(int symbol, int fieldId, int from, int to, int owner) {
    if (size == type.length) {
      int n = size * 2;
      type = Arrays.copyOf(type, n);
      field = Arrays.copyOf(field, n);
      start = Arrays.copyOf(start, n);
      end = Arrays.copyOf(end, n);
      parent = Arrays.copyOf(parent, n);
    }
    type[size] = symbol;
    field[size] = fieldId;
    start[size] = from;
    end[size] = to;
    parent[size] = owner;
    return size++;
  }

  /** Groups each node's named children (in source order, as copied). */
  private void index() {
    childFrom = new int[size + 2];
    for (int i = 0; i < size; i++) {
      if (parent[i] >= 0) {
        childFrom[parent[i] + 2]++;
      }
    }
    for (int i = 2; i < childFrom.length; i++) {
      childFrom[i] += childFrom[i - 1];
    }
    children = new int[Math.max(0, size - 1)];
    for (int i = 0; i < size; i++) {
      if (parent[i] >= 0) {
        children[childFrom[parent[i] + 1]++] = i;
      }
    }
  }

  Node root() {
    return new Node(this, size == 0 ? -1 : 0);
  }

  private static int startByte(TSNode node) {
    return START_BYTE != null ? (int) START_BYTE.get(node) : ts_node_start_byte(node);
  }

  /** A node's first context word is its start byte; read it without a JNI call when allowed. */
  private static VarHandle startByteHandle() {
    try {
      return MethodHandles.privateLookupIn(TSNode.class, MethodHandles.lookup())
          .findVarHandle(TSNode.class, "context0", int.class);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  /** A named node of the copy; index -1 is the null node. */
  static final class Node {
    private final SyntaxTree t;
    private final int i;

    Node(SyntaxTree t, int i) {
      this.t = t;
      this.i = i;
    }

    boolean isNull() {
      return i < 0;
    }

    String getType() {
      return t.grammar.symbolNames[t.type[i]];
    }

    int getStartByte() {
      return t.start[i];
    }

    int getEndByte() {
      return t.end[i];
    }

    boolean hasError() {
      return t.hasError;
    }

    int getNamedChildCount() {
      return t.childFrom[i + 1] - t.childFrom[i];
    }

    Node getNamedChild(int k) {
      return new Node(t, t.children[t.childFrom[i] + k]);
    }

    String getFieldNameForNamedChild(int k) {
      int f = t.field[t.children[t.childFrom[i] + k]];
      return f == 0 ? null : t.grammar.fieldNames[f];
    }

    Node getChildByFieldName(String name) {
      for (int k = t.childFrom[i]; k < t.childFrom[i + 1]; k++) {
        int c = t.children[k];
        int f = t.field[c];
        if (f != 0 && t.grammar.fieldNames[f].equals(name)) {
          return new Node(t, c);
        }
      }
      return new Node(t, -1);
    }

    Node getParent() {
      return new Node(t, i < 0 ? -1 : t.parent[i]);
    }
  }
}

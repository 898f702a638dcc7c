package nautilus.autoupdate.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import nautilus.autoupdate.code.SyntaxTree.Node;
import org.junit.jupiter.api.Test;
import org.treesitter.TSNode;
import org.treesitter.TSParser;
import org.treesitter.TSTree;
import org.treesitter.TreeSitterPython;

/**
 * The Java copy of a tree must hold exactly the named nodes the binding's own API shows, with the
 * same types, byte ranges and field names, on every Python file of our fixtures (awkward layouts,
 * syntax errors, notebooks' code, the fix goldens).
 */
class SyntaxTreeTest {
  private static List<Path> pythonFiles() throws Exception {
    List<Path> files = new ArrayList<>();
    for (Path dir : List.of(Path.of("src/test/resources"), Path.of("examples"))) {
      try (Stream<Path> s = Files.walk(dir)) {
        s.filter(p -> p.toString().endsWith(".py") || p.toString().endsWith(".pyi"))
            .sorted()
            .forEach(files::add);
      }
    }
    return files;
  }

  private record Seen(String type, int start, int end, String field, int depth) {}

  /**
   * The named nodes the copy keeps: all but comments and line continuations, and no children of a
   * leaf token.
   */
  private static void expected(TSNode n, String field, int depth, List<Seen> out) {
    out.add(new Seen(n.getType(), n.getStartByte(), n.getEndByte(), field, depth));
    if (java.util.Arrays.asList(SyntaxTree.LEAVES).contains(n.getType())) {
      return;
    }
    for (int i = 0; i < n.getNamedChildCount(); i++) {
      TSNode c = n.getNamedChild(i);
      if (!c.getType().equals("comment") && !c.getType().equals("line_continuation")) {
        expected(c, n.getFieldNameForNamedChild(i), depth + 1, out);
      }
    }
  }

  private static void copied(Node n, String field, int depth, List<Seen> out) {
    out.add(new Seen(n.getType(), n.getStartByte(), n.getEndByte(), field, depth));
    for (int i = 0; i < n.getNamedChildCount(); i++) {
      copied(n.getNamedChild(i), n.getFieldNameForNamedChild(i), depth + 1, out);
      assertThat(n.getNamedChild(i).getParent().getStartByte()).isEqualTo(n.getStartByte());
    }
  }

  @Test
  void theCopyHoldsWhatTheBindingShowsOnEveryFixtureFile() throws Exception {
    TreeSitterPython python = new TreeSitterPython();
    SyntaxTree.Grammar grammar = new SyntaxTree.Grammar(python);
    List<Path> files = pythonFiles();
    assertThat(files).hasSizeGreaterThan(30);
    try (TSParser parser = new TSParser()) {
      parser.setLanguage(python);
      for (Path f : files) {
        byte[] src = CodeScanner.withoutBom(Files.readAllBytes(f));
        TSTree tree = parser.parseString(null, new String(src, StandardCharsets.UTF_8));
        try {
          List<Seen> want = new ArrayList<>();
          expected(tree.getRootNode(), null, 0, want);
          List<Seen> got = new ArrayList<>();
          Node root =
              SyntaxTree.copy(tree, src, ReducedSource.Reduced.none(src), grammar, null).root();
          copied(root, null, 0, got);
          assertThat(got).as(f.toString()).isEqualTo(want);
          assertThat(root.hasError()).isEqualTo(tree.getRootNode().hasError());
        } finally {
          tree.close();
        }
      }
    }
  }

  @Test
  void aFunctionBodyWithoutWordsOrAttributeAssignmentsIsLeftOut() throws Exception {
    String src =
        "def quiet():\n    x = compute(1)\n    return x\n\n"
            + "def loud():\n    return managed(2)\n\n"
            + "class A:\n    def __init__(self):\n        self.cache = Cache()\n";
    byte[] bytes = src.getBytes(StandardCharsets.UTF_8);
    TreeSitterPython python = new TreeSitterPython();
    try (TSParser parser = new TSParser()) {
      parser.setLanguage(python);
      TSTree tree = parser.parseString(null, src);
      WordScan.Hits hits =
          new WordScan(java.util.Set.of("managed"), java.util.Set.of()).scan(bytes, false);
      Node root =
          SyntaxTree.copy(
                  tree,
                  bytes,
                  ReducedSource.Reduced.none(bytes),
                  new SyntaxTree.Grammar(python),
                  hits)
              .root();
      Node quiet = root.getNamedChild(0).getChildByFieldName("parameters");
      Node loud = root.getNamedChild(1).getChildByFieldName("body");
      Node init =
          root.getNamedChild(2)
              .getChildByFieldName("body")
              .getNamedChild(0)
              .getChildByFieldName("body");

      assertThat(quiet.isNull()).as("only the name of a quiet function is kept").isTrue();
      assertThat(root.getNamedChild(0).getEndByte()).isEqualTo(src.indexOf("\n\ndef loud"));
      assertThat(loud.getNamedChildCount()).isEqualTo(1);
      assertThat(init.getNamedChildCount()).as("assigns self.cache: kept").isEqualTo(1);
      tree.close();
    }
  }
}

package nautilus.autoupdate.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.treesitter.TSParser;
import org.treesitter.TSTree;
import org.treesitter.TreeSitterPython;

/**
 * Checks that a focused read of the reduced text gives the facts a focused read of the whole text
 * gives, and that the reduced text is valid Python wherever the whole text is.
 */
final class ReducedEquivalence implements AutoCloseable {
  private final PythonExtractor reducing = new PythonExtractor("nautilus_trader", true);
  private final PythonExtractor whole = new PythonExtractor("nautilus_trader", false);
  private final TSParser parser = new TSParser();

  ReducedEquivalence() {
    parser.setLanguage(new TreeSitterPython());
  }

  void assertEquivalent(String what, byte[] src, WordScan.Hits hits) {
    ModuleFacts got = reducing.extract(src, hits);
    ModuleFacts want = whole.extract(src, hits);
    if (!got.equals(want)) {
      assertThat(firstDifference(got, want)).as(what).isEmpty();
    }
    ReducedSource.Reduced reduced = ReducedSource.reduce(src, hits);
    if (reduced.reduced() && parsesCleanly(src)) {
      assertThat(parsesCleanly(reduced.text()))
          .as(what + " reduced to:\n" + new String(reduced.text(), StandardCharsets.UTF_8))
          .isTrue();
    }
  }

  /** The first fact that differs, in a line each way (whole facts run to megabytes). */
  private static String firstDifference(ModuleFacts got, ModuleFacts want) {
    List<List<?>> g =
        List.of(
            got.imports(), got.classes(), got.refs(), got.strings(), got.keys(), got.ownNames());
    List<List<?>> w =
        List.of(
            want.imports(),
            want.classes(),
            want.refs(),
            want.strings(),
            want.keys(),
            want.ownNames());
    for (int part = 0; part < g.size(); part++) {
      List<?> a = g.get(part);
      List<?> b = w.get(part);
      for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
        Object x = i < a.size() ? a.get(i) : null;
        Object y = i < b.size() ? b.get(i) : null;
        if (!java.util.Objects.equals(x, y)) {
          return "part " + part + " item " + i + "\nreduced: " + x + "\nwhole:   " + y;
        }
      }
    }
    return "parse errors: reduced " + got.parseErrors() + ", whole " + want.parseErrors();
  }

  boolean parsesCleanly(byte[] src) {
    TSTree tree = parser.parseString(null, new String(src, StandardCharsets.UTF_8));
    try {
      return !tree.getRootNode().hasError();
    } finally {
      tree.close();
    }
  }

  @Override
  public void close() {
    reducing.close();
    whole.close();
    parser.close();
  }
}

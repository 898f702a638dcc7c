package nautilus.autoupdate.code;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.treesitter.TSParser;
import org.treesitter.TreeSitterPython;

class TreeSitterSmokeTest {
  @Test
  void nativeParserLoadsAndParsesPython() {
    TSParser parser = new TSParser();
    parser.setLanguage(new TreeSitterPython());
    var tree = parser.parseString(null, "from a.b import C\n");
    assertThat(tree.getRootNode().getType()).isEqualTo("module");
    assertThat(tree.getRootNode().hasError()).isFalse();
  }
}

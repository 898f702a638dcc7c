package nautilus.autoupdate.fix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class EditApplierTest {
  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void noEditsGiveTheSameBytes() {
    byte[] in = b("\uFEFFa = 1\r\n\tb = 'é'\r\n");
    assertThat(EditApplier.apply(in, List.of())).isEqualTo(in);
  }

  @Test
  void editsApplyInAnyOrderAndKeepTheRest() {
    byte[] in = b("x = AssetClass.BOND  # BOND\r\n");
    byte[] out =
        EditApplier.apply(
            in, List.of(TextEdit.replace(15, 19, "DEBT"), TextEdit.insert(0, "# hi\r\n")));
    assertThat(new String(out, StandardCharsets.UTF_8))
        .isEqualTo("# hi\r\nx = AssetClass.DEBT  # BOND\r\n");
  }

  @Test
  void identicalEditsCollapseAndInsertionsAtOnePointKeepTheirOrder() {
    byte[] out =
        EditApplier.apply(
            b("ab"),
            List.of(
                TextEdit.insert(1, "1"),
                TextEdit.replace(0, 1, "A"),
                TextEdit.replace(0, 1, "A"),
                TextEdit.insert(1, "2")));
    assertThat(new String(out, StandardCharsets.UTF_8)).isEqualTo("A12b");
  }

  @Test
  void overlappingEditsAreRefusedNamingBoth() {
    assertThatThrownBy(
            () ->
                EditApplier.apply(
                    b("abcdef"), List.of(TextEdit.replace(0, 3, "x"), TextEdit.replace(2, 4, "y"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("overlapping")
        .hasMessageContaining("x")
        .hasMessageContaining("y");
    assertThat(TextEdit.insert(2, "z").conflictsWith(TextEdit.replace(1, 3, "q"))).isTrue();
    assertThat(TextEdit.replace(1, 3, "q").conflictsWith(TextEdit.insert(2, "z"))).isTrue();
    assertThat(TextEdit.insert(1, "z").conflictsWith(TextEdit.replace(1, 3, "q"))).isFalse();
  }

  @Test
  void invalidRangesAreRejected() {
    assertThatThrownBy(() -> TextEdit.replace(3, 2, "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TextEdit.delete(-1, 2)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EditApplier.apply(b("ab"), List.of(TextEdit.delete(1, 5))))
        .hasMessageContaining("past the end");
  }

  @Test
  void offsetsMapThroughEdits() {
    List<TextEdit> edits = List.of(TextEdit.replace(2, 4, "xyz"), TextEdit.insert(6, "!!"));
    assertThat(EditApplier.mapOffset(1, edits)).isEqualTo(1);
    assertThat(EditApplier.mapOffset(2, edits)).isEqualTo(2);
    assertThat(EditApplier.mapOffset(3, edits)).isEqualTo(2);
    assertThat(EditApplier.mapOffset(5, edits)).isEqualTo(6);
    assertThat(EditApplier.mapOffset(6, edits)).isEqualTo(7);
    assertThat(EditApplier.mapOffset(7, edits)).isEqualTo(10);
  }

  @Test
  void unifiedDiffShowsHunksWithContext() {
    StringBuilder a = new StringBuilder();
    for (int i = 1; i <= 20; i++) {
      a.append("line ").append(i).append("\r\n");
    }
    String before = a.toString();
    String after = before.replace("line 2\r\n", "line two\r\n").replace("line 18\r\n", "");
    String diff = UnifiedDiff.of("m.py", b(before), b(after));
    assertThat(diff)
        .startsWith("--- a/m.py\n+++ b/m.py\n@@ -1,5 +1,5 @@\n line 1\n-line 2\n+line two\n")
        .contains("@@ -15,6 +15,5 @@\n line 15\n line 16\n line 17\n-line 18\n line 19\n line 20\n")
        .doesNotContain("\r");
    assertThat(UnifiedDiff.of("m.py", b(before), b(before))).isEmpty();
    assertThat(UnifiedDiff.of("n.py", b(""), b("x\n"))).contains("@@ -0,0 +1 @@\n+x\n");
  }
}

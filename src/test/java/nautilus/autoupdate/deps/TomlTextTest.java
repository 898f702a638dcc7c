package nautilus.autoupdate.deps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TomlTextTest {
  @Test
  void findsStringsDirectlyInAnArrayAcrossCommentsAndNesting() {
    String text =
        "deps = [ # c \"not\"\n  'a', \"b\\\"c\", { x = \"nested\" }, [\"inner\"],\n  \"\"\"multi\n\"\"\" ]\n";
    TomlText t = new TomlText(text);
    List<TomlText.Literal> lits = t.stringsInArray(t.valueAfterKey(0));
    assertThat(lits).extracting(TomlText.Literal::value).containsExactly("a", "b\"c", "multi\n");
    assertThat(lits.get(0).escaped()).isFalse();
    assertThat(lits.get(1).escaped()).isTrue();
    assertThat(text.substring(lits.get(0).contentStart(), lits.get(0).contentEnd())).isEqualTo("a");
    assertThat(t.lineOf(lits.get(2).contentStart())).isEqualTo(3);
  }

  @Test
  void valuesAfterKeysAndStrings() {
    TomlText t = new TomlText("\"a=b\" = 'v'\nk\n");
    assertThat(t.stringAt(t.valueAfterKey(0)).map(TomlText.Literal::value)).hasValue("v");
    assertThat(t.valueAfterKey(12)).isEqualTo(-1);
    assertThat(t.stringAt(-1)).isEmpty();
    assertThat(t.stringAt(0).map(TomlText.Literal::value)).hasValue("a=b");
    assertThat(new TomlText("x = \"open\n").stringAt(4)).isEmpty();
    assertThat(t.stringsInArray(0)).isEmpty();
  }

  @Test
  void unescapesBasicStrings() {
    assertThat(TomlText.unescape("a\\u003db\\tc\\nd\\\\e\\U0001F600\\uZZZZ"))
        .isEqualTo("a=b\tc\nd\\e\uD83D\uDE00uZZZZ");
  }
}

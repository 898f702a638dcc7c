package nautilus.autoupdate.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TypeTextTest {
  private static final Map<String, String> IMPORTS =
      Map.of("Cfg", "pkg.config.Cfg", "typing", "typing", "mod", "pkg.mod");

  private static String norm(String text) {
    return TypeText.normalise(
        text,
        n -> {
          int dot = n.indexOf('.');
          String root = dot < 0 ? n : n.substring(0, dot);
          String to = IMPORTS.get(root);
          return to == null ? n : to + (dot < 0 ? "" : n.substring(dot));
        });
  }

  @Test
  void everySpellingOfAnOptionalReadsTheSame() {
    String expected = "pkg.config.Cfg | None";
    assertThat(norm("Optional[Cfg]")).isEqualTo(expected);
    assertThat(norm("typing.Optional[Cfg]")).isEqualTo(expected);
    assertThat(norm("Cfg | None")).isEqualTo(expected);
    assertThat(norm("None | Cfg")).isEqualTo(expected);
    assertThat(norm("Union[Cfg, None]")).isEqualTo(expected);
    assertThat(norm("\"Cfg | None\"")).isEqualTo(expected);
    assertThat(norm("Optional['Cfg']")).isEqualTo(expected);
  }

  @Test
  void namesAreQualifiedInsideArgumentsAndAttributesKeepTheirTail() {
    assertThat(norm("list[mod.Thing]")).isEqualTo("list[pkg.mod.Thing]");
    assertThat(norm("dict[str,  Optional[Cfg]]")).isEqualTo("dict[str, pkg.config.Cfg | None]");
    // Alternatives are sorted, so the order they are written in does not matter.
    assertThat(norm("str | Cfg")).isEqualTo(norm("Cfg | str")).isEqualTo("pkg.config.Cfg | str");
    assertThat(norm("Unknown")).isEqualTo("Unknown");
  }

  @Test
  void textThatDoesNotParseIsKeptWithoutSpaces() {
    assertThat(norm("Callable[[int], str]")).isEqualTo("Callable[[int], str]");
    assertThat(norm("Literal['a', 'b']")).isEqualTo("Literal[a, b]");
    assertThat(norm("x if y else z")).isEqualTo("xifyelsez");
    assertThat(norm("  ")).isNull();
  }

  @Test
  void alternativesSplitOnlyAtTheTopLevel() {
    assertThat(TypeText.alternatives("dict[str, int | None] | None"))
        .containsExactly("dict[str, int | None]", "None");
    assertThat(TypeText.head("dict[str, int]")).isEqualTo("dict");
  }
}

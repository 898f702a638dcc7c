package nautilus.autoupdate.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Specifier matching, from "packaging"'s tests/test_specifiers.py (with pre-releases allowed). */
class SpecifierTest {

  @ParameterizedTest(name = "{0} in {1}")
  @CsvSource({
    "2.0, ==2",
    "2.0, ==2.0",
    "2.0, ==2.0.0",
    "2.0+deadbeef, ==2",
    "2.0+deadbeef, ==2.0",
    "2.0+deadbeef, ==2.0.0",
    "2.0+deadbeef, ==2+deadbeef",
    "2.0+deadbeef, ==2.0+deadbeef",
    "2.0+deadbeef.0, ==2.0.0+deadbeef.00",
    "2.0+deadbeef, ==2.0.*",
    "2.0+deadbeef, ==2.*",
    "2.dev1, ==2.*",
    "2a1, ==2.*",
    "2a1.post1, ==2.*",
    "2b1, ==2.*",
    "2.0, ==2.*",
    "2.1, ==2.*",
    "2.0.0, ==2.*",
    "2.0.0, ==2.0.*",
    "2, ==2.0.*",
    "2.0.0b1, ==2.0.*",
    "1.0rc1.post1, ==1.0rc1.*",
    "2.1, !=2",
    "2.1, !=2.0",
    "2.0.1, !=2",
    "2.0.1, !=2.0",
    "2.0.1, !=2.0.0",
    "2.0, !=2.0+deadbeef",
    "2.0, !=3.*",
    "2.1, !=2.0.*",
    "2.0, >=2",
    "2.0, >=2.0",
    "2.0, >=2.0.0",
    "2.0.post1, >=2",
    "2.0.post1.dev1, >=2",
    "3, >=2",
    "2.0+local, >=2.0",
    "2.0, <=2",
    "2.0, <=2.0",
    "2.0, <=2.0.0",
    "2.0.dev1, <=2",
    "2.0a1, <=2",
    "2.0+local, <=2.0",
    "1, <2",
    "1.0.dev1, <2",
    "2.0a1, <2.0b1",
    "2.0.dev1, <2.0a1",
    "3, >2",
    "2.1, >2.0",
    "2.0.1, >2",
    "2.1.post1, >2",
    "2.1+local.version, >2",
    "2.0.post2, >2.0.post1",
    "2, ~=2.0",
    "2.0, ~=2.0",
    "2.0.0, ~=2.0",
    "2.0.1, ~=2.0",
    "2.1, ~=2.0",
    "2.9.post1, ~=2.0",
    "2.2.1, ~=2.2.0",
    "2.2+local, ~=2.2",
    "1!2.1, ~=1!2.0",
    "1.222.0a20251230, ~=1.222.0a20251229",
    "1.0, ===1.0",
    "1.0+local, ===1.0+LOCAL",
  })
  void contains(String version, String spec) {
    assertThat(Specifier.parse(spec).contains(Version.parse(version))).isTrue();
  }

  @ParameterizedTest(name = "{0} not in {1}")
  @CsvSource({
    "2.1, ==2",
    "2.1, ==2.0",
    "2.1, ==2.0.0",
    "2.0, ==2.0+deadbeef",
    "2.0, ==3.*",
    "2.1, ==2.0.*",
    "1!2.0, ==2.*",
    "1.0.1rc1, ==1.0rc1.*",
    "2.0, !=2",
    "2.0, !=2.0",
    "2.0, !=2.0.0",
    "2.0+deadbeef, !=2",
    "2.0+deadbeef, !=2.0",
    "2.0+deadbeef, !=2.0.0",
    "2.0+deadbeef, !=2+deadbeef",
    "2.0, !=2.*",
    "2.0, !=2.0.*",
    "2.0.dev1, >=2",
    "2.0a1, >=2",
    "1.0, >=2",
    "2.0.post1, <=2",
    "3, <=2",
    "2.0, <2",
    "2.0a1, <2",
    "2.0.dev1, <2",
    "2.0.post1, <2",
    "2.0.post1.dev1, <2",
    "3, <2",
    "2.0, >2",
    "2.0.post1, >2",
    "2.0.post1.dev1, >2",
    "2.0+local.version, >2",
    "1, >2",
    "2.0.dev1, >2",
    "2.0a1, >2",
    "1.0, ~=2.0",
    "3.0, ~=2.0",
    "2.3, ~=2.2.0",
    "1!2.1, ~=2.0",
    "2.0.0.1, ~=2.0.1",
    "1.223.0, ~=1.222.0a20251229",
    "1.0.0, ===1.0",
  })
  void doesNotContain(String version, String spec) {
    assertThat(Specifier.parse(spec).contains(Version.parse(version))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "1.0",
        "=1.0",
        "=>1.0",
        "~1.0",
        "^1.0",
        ">=1.0.*",
        "~=1.0.*",
        "<1.*",
        "~=1",
        "==",
        ">=abc",
        "== 1.0 1",
        ">=1.0,<2"
      })
  void rejectsInvalid(String text) {
    assertThatThrownBy(() -> Specifier.parse(text))
        .isInstanceOf(InvalidVersionException.class)
        .hasMessageContaining(text.isEmpty() ? "not a version specifier" : text);
  }

  @Test
  void operatorsAreValidatedEvenInTheConstructor() {
    assertThatThrownBy(() -> new Specifier("=~", "1.0"))
        .hasMessageContaining("unknown version operator '=~'");
  }

  @Test
  void partsOfASpecifier() {
    Specifier s = Specifier.parse(" == 1.2.* ");
    assertThat(s.operator()).isEqualTo("==");
    assertThat(s.isWildcard()).isTrue();
    assertThat(s.version()).isEqualTo(Version.parse("1.2"));
    assertThat(s).hasToString("==1.2.*");
    assertThat(Specifier.parse(">=1.0a1").namesPreRelease()).isTrue();
    assertThat(Specifier.parse("!=1.0a1").namesPreRelease()).isFalse();
    assertThat(Specifier.parse("===foo").namesPreRelease()).isFalse();
    assertThat(Specifier.parse("===foo").contains(Version.parse("1.0"))).isFalse();
  }
}

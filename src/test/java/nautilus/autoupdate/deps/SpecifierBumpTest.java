package nautilus.autoupdate.deps;

import static org.assertj.core.api.Assertions.assertThat;

import nautilus.autoupdate.version.SpecifierSet;
import nautilus.autoupdate.version.Version;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpecifierBumpTest {
  @ParameterizedTest(name = "{0} -> {1} = {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "==1.220.0|1.222.0|==1.222.0",
        "== 1.220.0|1.222.0|== 1.222.0",
        ">=1.220.0|1.222.0|>=1.222.0",
        ">=1.220|1.222.0|>=1.222",
        ">=1.220|1.222.1|>=1.222.1",
        ">=1.220.0,<1.222|1.223.0|>=1.223.0,<1.224",
        ">=1.220.0,<1.230|1.223.0|>=1.223.0,<1.230",
        ">=1.220.0,<2|2.0.1|>=2.0.1,<3",
        ">=1.220.0,<1.222.0|1.223.5|>=1.223.5,<1.224.0",
        "~=1.220.0|1.223.0|~=1.223.0",
        "~=1.220|1.223.0|~=1.223",
        "~=1.220|1.223.0a20251229|~=1.223a20251229",
        "==1.220.*|1.223.0|==1.223.*",
        "<=1.221.0|1.223.0|<=1.223.0",
        "!=1.221.0,>=1.220|1.223.0|!=1.221.0,>=1.223",
        "==1.220.0|1.208.0.dev20241212+7001|==1.208.0.dev20241212+7001",
        ">=1.207.0|1.208.0.dev20241212+7001|>=1.208.0.dev20241212",
        "===1.220.0|1.221.0|===1.221.0",
      })
  void pep440(String before, String to, String after) {
    Version target = Version.parse(to);
    String bumped = SpecifierBump.bump(before, Pin.Syntax.PEP440, target).orElseThrow();
    assertThat(bumped).isEqualTo(after);
    assertThat(SpecifierSet.parse(bumped).contains(target, true)).isTrue();
  }

  @ParameterizedTest(name = "{0} -> {1} = {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "^1.220.0|1.221.0|^1.221.0",
        "^1.220|1.221.0|^1.221",
        "~1.220.0|1.221.0|~1.221.0",
        "1.220.0|1.221.0|1.221.0",
        ">=1.220,<2.0|1.221.0|>=1.221,<2.0",
      })
  void poetry(String before, String to, String after) {
    assertThat(SpecifierBump.bump(before, Pin.Syntax.POETRY, Version.parse(to))).hasValue(after);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "1.220.0|PEP440",
        "^1.0|PEP440",
        ">=abc|PEP440",
        ">=1.0 <2|POETRY",
        "*|POETRY",
      })
  void notUnderstoodIsEmpty(String spec, Pin.Syntax syntax) {
    assertThat(SpecifierBump.bump(spec, syntax, Version.parse("1.0"))).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "==1.220.0|PEP440|1.220.0|true",
        ">=1.220.0,<1.222|PEP440|1.220.0|false",
        "<2|PEP440||false",
        "^1.220|POETRY|1.220|false",
        "1.220.0|POETRY|1.220.0|true",
        ">=1.1,>=1.5|PEP440|1.5|false",
      })
  void lowestAndExact(String spec, Pin.Syntax syntax, String lowest, boolean exact) {
    assertThat(SpecifierBump.lowest(spec, syntax).map(Version::toString))
        .isEqualTo(java.util.Optional.ofNullable(lowest));
    assertThat(SpecifierBump.isExact(spec, syntax)).isEqualTo(exact);
  }
}

package nautilus.autoupdate.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Sets of clauses and pip's pre-release rule. */
class SpecifierSetTest {

  @ParameterizedTest(name = "{0} in \"{1}\" = {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "1.221.0|>=1.220.0,<1.222|true",
        "1.222.0|>=1.220.0,<1.222|false",
        "1.219.9|>=1.220.0,<1.222|false",
        "1.221.0|>=1.220,<2,!=1.221.0|false",
        "1.221.1|>=1.220,<2,!=1.221.0|true",
        "1.221.0|''|true",
        "1.221.0|>=1.220.0,|true",
        "1.221.0|' >= 1.220.0 , < 1.222 '|true",
        // Pre-releases only when a clause names one.
        "1.222.0a20251229|>=1.221.0|false",
        "1.222.0a20251229|>=1.222.0a20251201|true",
        "1.222.0a20251229|==1.222.0a20251229|true",
        "1.208.0.dev20241212+7001|>=1.208.0.dev20241201|true",
        "1.208.0.dev20241212+7001|>=1.207.0|false",
        "2.0.0rc1|>=2.0.0rc1,<3|true",
        "2.0.0rc1|''|false",
        "2.0.0rc1|!=2.0.0rc1|false",
        "2.0.0rc2|!=2.0.0rc1|false",
        "2.0.0rc2|>=1.0,!=2.0.0rc1|false",
        "1.0a1|==1.0a1.*|true",
      })
  void contains(String version, String set, boolean expected) {
    assertThat(SpecifierSet.parse(set).contains(Version.parse(version))).isEqualTo(expected);
  }

  @Test
  void preReleasesCanBeAllowedExplicitly() {
    SpecifierSet set = SpecifierSet.parse(">=1.221.0");
    Version nightly = Version.parse("1.222.0a20251229");
    assertThat(set.contains(nightly)).isFalse();
    assertThat(set.contains(nightly, true)).isTrue();
    assertThat(set.contains(Version.parse("1.220.0a20251229"), true)).isFalse();
  }

  @Test
  void exactPins() {
    assertThat(SpecifierSet.parse("==1.220.0").exactPin()).hasValue(Version.parse("1.220.0"));
    assertThat(SpecifierSet.parse(">=1,==1.220.0").exactPin()).hasValue(Version.parse("1.220.0"));
    assertThat(SpecifierSet.parse("===1.220.0").exactPin()).hasValue(Version.parse("1.220.0"));
    assertThat(SpecifierSet.parse("===foo").exactPin()).isEmpty();
    assertThat(SpecifierSet.parse("==1.220.*").exactPin()).isEmpty();
    assertThat(SpecifierSet.parse(">=1.220").exactPin()).isEmpty();
  }

  @Test
  void normalizedTextAndErrors() {
    assertThat(SpecifierSet.parse(" >= 1.0 , < 2 ,")).hasToString(">=1.0,<2");
    assertThat(SpecifierSet.parse(null).specifiers()).isEmpty();
    assertThatThrownBy(() -> SpecifierSet.parse(">=1.0,<>2"))
        .isInstanceOf(InvalidVersionException.class)
        .hasMessageContaining("<>2");
  }
}

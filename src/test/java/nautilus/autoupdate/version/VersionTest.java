package nautilus.autoupdate.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import nautilus.autoupdate.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** PEP 440 examples, many from pip's "packaging" test suite (tests/test_version.py). */
class VersionTest {

  /** packaging's VERSIONS list: strictly increasing, without and with an explicit epoch. */
  static final List<String> ORDERED_NO_EPOCH =
      List.of(
          "1.0.dev456",
          "1.0a1",
          "1.0a2.dev456",
          "1.0a12.dev456",
          "1.0a12",
          "1.0b1.dev456",
          "1.0b2",
          "1.0b2.post345.dev456",
          "1.0b2.post345",
          "1.0b2-346",
          "1.0c1.dev456",
          "1.0c1",
          "1.0rc2",
          "1.0c3",
          "1.0",
          "1.0.post456.dev34",
          "1.0.post456",
          "1.1.dev1",
          "1.2+123abc",
          "1.2+123abc456",
          "1.2+abc",
          "1.2+abc123",
          "1.2+abc123def",
          "1.2+1234.abc",
          "1.2+123456",
          "1.2.r32+123456",
          "1.2.rev33+123456");

  static List<String> ordered() {
    List<String> all = new ArrayList<>(ORDERED_NO_EPOCH);
    // NautilusTrader's own builds sit between 1.2 and the epoch-1 versions.
    all.addAll(
        List.of(
            "1.207.0",
            "1.208.0.dev20241212+7001",
            "1.208.0.dev20241213+7002",
            "1.208.0",
            "1.221.0",
            "1.222.0a20251229",
            "1.222.0a20251230",
            "1.222.0",
            "2.0.0rc1",
            "2.0.0"));
    for (String v : ORDERED_NO_EPOCH) {
      all.add("1!" + v);
    }
    return all;
  }

  @Test
  void orderingMatchesPep440() {
    List<Version> versions = ordered().stream().map(Version::parse).toList();
    for (int i = 0; i < versions.size(); i++) {
      for (int j = 0; j < versions.size(); j++) {
        assertThat(Integer.signum(versions.get(i).compareTo(versions.get(j))))
            .as("%s vs %s", versions.get(i), versions.get(j))
            .isEqualTo(Integer.compare(i, j));
      }
    }
    List<Version> shuffled = new ArrayList<>(versions);
    Collections.shuffle(shuffled, new Random(42));
    Collections.sort(shuffled);
    assertThat(shuffled).containsExactlyElementsOf(versions);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "1.0dev, 1.0.dev0",
    "1.0.dev, 1.0.dev0",
    "1.0-dev1, 1.0.dev1",
    "1.0DEV, 1.0.dev0",
    "1.0_dev_2, 1.0.dev2",
    "1.0a, 1.0a0",
    "1.0.a1, 1.0a1",
    "1.0-alpha1, 1.0a1",
    "1.0alpha1, 1.0a1",
    "1.0ALPHA1, 1.0a1",
    "1.0beta1, 1.0b1",
    "1.0-b-2, 1.0b2",
    "1.0c1, 1.0rc1",
    "1.0pre1, 1.0rc1",
    "1.0preview1, 1.0rc1",
    "1.0-RC1, 1.0rc1",
    "1.0post, 1.0.post0",
    "1.0.post, 1.0.post0",
    "1.0-post1, 1.0.post1",
    "1.0.post-1, 1.0.post1",
    "1.0r1, 1.0.post1",
    "1.0rev1, 1.0.post1",
    "1.0-1, 1.0.post1",
    "1.0+ubuntu-1, 1.0+ubuntu.1",
    "1.0+Ubuntu_1, 1.0+ubuntu.1",
    "1.0+abc.007, 1.0+abc.7",
    "v1.222.0, 1.222.0",
    "V1.0, 1.0",
    "01.002, 1.2",
    "0!1.0, 1.0",
    "1!1.0, 1!1.0",
    "1.0a1.post2.dev3+abc.5, 1.0a1.post2.dev3+abc.5",
    "1.222.0a20251229, 1.222.0a20251229",
    "1.208.0.dev20241212+7001, 1.208.0.dev20241212+7001",
    "2.0.0rc1, 2.0.0rc1",
    "'  1.0\t', 1.0",
  })
  void normalizes(String text, String normalized) {
    Version v = Version.parse(text);
    assertThat(v.toString()).isEqualTo(normalized);
    assertThat(Version.parse(normalized)).isEqualTo(v).hasSameHashCodeAs(v);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "french toast",
        "1.0+a+",
        "1.0++",
        "1.0+_foobar",
        "1.0+foo&asd",
        "1.0+1+1",
        "",
        " ",
        "1.",
        ".1",
        "1..0",
        "1.0+",
        "1.0.dev1.post1",
        "1.0a1a1",
        "v",
        "==1.0",
        "1.0 1",
        "99999999999999999999999.0",
      })
  void rejectsInvalid(String text) {
    assertThat(Version.tryParse(text)).isEmpty();
    assertThatThrownBy(() -> Version.parse(text))
        .isInstanceOf(InvalidVersionException.class)
        .isInstanceOf(UserError.class)
        .hasMessageContaining("not a PEP 440 version: '" + text + "'")
        .hasMessageContaining("expected e.g. 1.221.0");
  }

  @Test
  void nullAndHugeInputAreNotVersions() {
    assertThat(Version.tryParse(null)).isEmpty();
    assertThat(Version.tryParse("1." + "0".repeat(300))).isEmpty();
  }

  @Test
  void equalityIgnoresTrailingZerosButNotLocals() {
    assertThat(Version.parse("1.0"))
        .isEqualTo(Version.parse("1.0.0"))
        .isEqualTo(Version.parse("1"));
    assertThat(Version.parse("1.0").hashCode()).isEqualTo(Version.parse("1.0.0.0").hashCode());
    assertThat(Version.parse("1.0+a")).isNotEqualTo(Version.parse("1.0"));
    assertThat(Version.parse("1.0+1")).isEqualTo(Version.parse("1.0+01"));
    assertThat(Version.parse("1.0").equals("1.0")).isFalse();
  }

  @Test
  void partsAndKinds() {
    Version nightly = Version.parse("1.222.0a20251229");
    assertThat(nightly.isNightly()).isTrue();
    assertThat(nightly.isDevelop()).isFalse();
    assertThat(nightly.isPreRelease()).isTrue();
    assertThat(nightly.preType()).hasValue(Version.PreType.A);
    assertThat(nightly.preNumber()).isEqualTo(20251229L);
    assertThat(nightly.baseRelease()).isEqualTo(Version.parse("1.222.0"));

    Version develop = Version.parse("1.208.0.dev20241212+7001");
    assertThat(develop.isDevelop()).isTrue();
    assertThat(develop.isNightly()).isFalse();
    assertThat(develop.isDevRelease()).isTrue();
    assertThat(develop.hasLocal()).isTrue();
    assertThat(develop.local()).containsExactly("7001");
    assertThat(develop.dev()).hasValue(20241212L);
    assertThat(develop.withoutLocal().toString()).isEqualTo("1.208.0.dev20241212");
    assertThat(develop.baseRelease().toString()).isEqualTo("1.208.0");

    Version rc = Version.parse("2.0.0rc1");
    assertThat(rc.isPreRelease()).isTrue();
    assertThat(rc.isNightly()).isFalse();
    assertThat(rc.preType().map(Version.PreType::text)).hasValue("rc");

    Version post = Version.parse("1!1.2.post3");
    assertThat(post.isPostRelease()).isTrue();
    assertThat(post.isPreRelease()).isFalse();
    assertThat(post.post()).hasValue(3L);
    assertThat(post.epoch()).isEqualTo(1);
    assertThat(post.release()).containsExactly(1L, 2L);
    assertThat(post.segment(5)).isZero();
    assertThat(Version.parse("1.0a1").isNightly()).as("small alpha numbers are no dates").isFalse();
    assertThat(Version.parse("1.0.dev1").isDevelop()).isFalse();
  }

  @Test
  void releaseArrayIsACopy() {
    Version v = Version.parse("1.2.3");
    v.release()[0] = 9;
    assertThat(v.toString()).isEqualTo("1.2.3");
  }
}

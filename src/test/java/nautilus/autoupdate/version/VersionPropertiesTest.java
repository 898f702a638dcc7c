package nautilus.autoupdate.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Random and mutated inputs: parsing never throws, and ordering is a total order. */
class VersionPropertiesTest {

  @Property(tries = 2000)
  void tryParseNeverThrows(@ForAll("anyText") String text) {
    Optional<Version> v = Version.tryParse(text);
    v.ifPresent(version -> assertThat(version.toString()).isNotBlank());
  }

  @Property(tries = 1000)
  void specifierParsingFailsOnlyWithInvalidVersionException(@ForAll("specifierLike") String text) {
    try {
      SpecifierSet set = SpecifierSet.parse(text);
      assertThat(SpecifierSet.parse(set.toString())).isEqualTo(set);
    } catch (InvalidVersionException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }

  @Property(tries = 1000)
  void normalizedFormRoundTrips(@ForAll("versionText") String text) {
    Version v = Version.parse(text);
    Version again = Version.parse(v.toString());
    assertThat(again).isEqualTo(v);
    assertThat(again.hashCode()).isEqualTo(v.hashCode());
    assertThat(again.toString()).isEqualTo(v.toString());
  }

  @Property(tries = 1000)
  void orderingIsTotalAndConsistentWithEquals(
      @ForAll("versionText") String a,
      @ForAll("versionText") String b,
      @ForAll("versionText") String c) {
    Version x = Version.parse(a);
    Version y = Version.parse(b);
    Version z = Version.parse(c);
    assertThat(Integer.signum(x.compareTo(y))).isEqualTo(-Integer.signum(y.compareTo(x)));
    assertThat(x.compareTo(x)).isZero();
    assertThat(x.equals(y)).isEqualTo(x.compareTo(y) == 0);
    if (x.equals(y)) {
      assertThat(x.hashCode()).isEqualTo(y.hashCode());
    }
    if (x.compareTo(y) <= 0 && y.compareTo(z) <= 0) {
      assertThat(x.compareTo(z)).isLessThanOrEqualTo(0);
    }
  }

  @Property(tries = 500)
  void specifiersAgreeWithOrdering(
      @ForAll("versionText") String a, @ForAll("versionText") String b) {
    Version x = Version.parse(a).withoutLocal();
    Version y = Version.parse(b).withoutLocal();
    assertThat(Specifier.parse(">=" + y).contains(x)).isEqualTo(x.compareTo(y) >= 0);
    assertThat(Specifier.parse("<=" + y).contains(x)).isEqualTo(x.compareTo(y) <= 0);
    assertThat(Specifier.parse("==" + y).contains(x)).isEqualTo(x.equals(y));
    assertThat(Specifier.parse("!=" + y).contains(x)).isEqualTo(!x.equals(y));
  }

  @Provide
  Arbitrary<String> anyText() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(40),
        Arbitraries.strings().withChars("0123456789.!+-_abcdevrpostlha ").ofMaxLength(40),
        mutated(),
        Arbitraries.strings().withChars("1.").ofMinLength(250).ofMaxLength(300));
  }

  @Provide
  Arbitrary<String> specifierLike() {
    Arbitrary<String> op = Arbitraries.of("==", "===", "!=", "~=", "<=", ">=", "<", ">", "=", "");
    Arbitrary<String> clause =
        Combinators.combine(
                op, Arbitraries.oneOf(versionText(), mutated()), Arbitraries.of("", ".*", " "))
            .as((o, v, suffix) -> o + v + suffix);
    return clause.list().ofMaxSize(4).map(l -> String.join(",", l));
  }

  /** Valid versions with every spelling PEP 440 accepts. */
  @Provide
  Arbitrary<String> versionText() {
    Arbitrary<String> sep = Arbitraries.of("", ".", "-", "_");
    Arbitrary<String> num =
        Arbitraries.oneOf(
            Arbitraries.integers().between(0, 30).map(String::valueOf),
            Arbitraries.of("00", "007", "20251229", "9999999999"));
    Arbitrary<String> epoch =
        Arbitraries.oneOf(Arbitraries.just(""), Arbitraries.of("0!", "1!", "2!"));
    Arbitrary<String> release = num.list().ofMinSize(1).ofMaxSize(4).map(l -> String.join(".", l));
    Arbitrary<String> pre =
        Arbitraries.oneOf(
            Arbitraries.just(""),
            Combinators.combine(
                    sep,
                    Arbitraries.of(
                        "a", "b", "rc", "c", "alpha", "beta", "pre", "preview", "RC", "A"),
                    Arbitraries.oneOf(Arbitraries.just(""), num))
                .as((s, l, n) -> s + l + n));
    Arbitrary<String> post =
        Arbitraries.oneOf(
            Arbitraries.just(""),
            num.map(n -> "-" + n),
            Combinators.combine(
                    sep,
                    Arbitraries.of("post", "rev", "r"),
                    Arbitraries.oneOf(Arbitraries.just(""), num))
                .as((s, l, n) -> s + l + n));
    Arbitrary<String> dev =
        Arbitraries.oneOf(
            Arbitraries.just(""),
            Combinators.combine(
                    sep, Arbitraries.of("dev", "DEV"), Arbitraries.oneOf(Arbitraries.just(""), num))
                .as((s, l, n) -> s + l + n));
    Arbitrary<String> local =
        Arbitraries.oneOf(
            Arbitraries.just(""),
            Arbitraries.strings()
                .withChars("abz0179")
                .ofMinLength(1)
                .ofMaxLength(4)
                .list()
                .ofMinSize(1)
                .ofMaxSize(3)
                .map(l -> "+" + String.join(".", l)));
    Arbitrary<String> prefix = Arbitraries.of("", "", "", "v", "V", " ");
    return Combinators.combine(prefix, epoch, release, pre, post, dev, local)
        .as((p, e, r, a, po, d, l) -> p + e + r + a + po + d + l);
  }

  /** Valid versions with one character inserted, deleted or replaced. */
  private Arbitrary<String> mutated() {
    Arbitrary<Character> ch = Arbitraries.chars().with("0123456789.!+-_avr \u00e9\u0000");
    return Combinators.combine(
            versionText(), Arbitraries.integers().between(0, 1000), ch, Arbitraries.of(0, 1, 2))
        .as(
            (v, at, c, kind) -> {
              if (v.isEmpty()) {
                return String.valueOf(c);
              }
              int i = at % v.length();
              switch (kind) {
                case 0:
                  return v.substring(0, i) + c + v.substring(i);
                case 1:
                  return v.substring(0, i) + v.substring(i + 1);
                default:
                  return v.substring(0, i) + c + v.substring(i + 1);
              }
            });
  }

  @Property(tries = 200)
  void nightlyAndDevelopBuildsOrderByDate(@ForAll("dates") int d1, @ForAll("dates") int d2) {
    Version n1 = Version.parse("1.222.0a" + d1);
    Version n2 = Version.parse("1.222.0a" + d2);
    assertThat(Integer.signum(n1.compareTo(n2))).isEqualTo(Integer.signum(Integer.compare(d1, d2)));
    Version dev = Version.parse("1.222.0.dev" + d1 + "+7001");
    assertThat(dev).isLessThan(n2).isLessThan(Version.parse("1.222.0"));
    assertThat(List.of(n1, n2)).allMatch(Version::isNightly);
    assertThat(dev.isDevelop()).isTrue();
  }

  @Provide
  Arbitrary<Integer> dates() {
    return Arbitraries.integers().between(20200101, 20291231);
  }
}

package nautilus.autoupdate.deps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import nautilus.autoupdate.version.SpecifierSet;
import nautilus.autoupdate.version.Version;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever the constraint, a bump either declines or yields one that allows the target. */
class SpecifierBumpPropertiesTest {

  @Property(tries = 1000)
  void bumpedConstraintsAllowTheTargetAndKeepTheirOperators(
      @ForAll("constraints") String spec, @ForAll("targets") String target) {
    Version to = Version.parse(target);
    Optional<String> bumped = SpecifierBump.bump(spec, Pin.Syntax.PEP440, to);
    assertThat(bumped).isPresent();
    assertThat(SpecifierSet.parse(bumped.get()).contains(to, true))
        .as("%s bumped to %s gives %s", spec, to, bumped.get())
        .isTrue();
    assertThat(bumped.get().replaceAll("[0-9a-z.*+]", ""))
        .as("only version text changes")
        .isEqualTo(spec.replaceAll("[0-9a-z.*+]", ""));
    // Bumping again changes nothing.
    assertThat(SpecifierBump.bump(bumped.get(), Pin.Syntax.PEP440, to)).hasValue(bumped.get());
  }

  @Provide
  Arbitrary<String> constraints() {
    Arbitrary<String> v =
        Arbitraries.integers()
            .between(0, 3)
            .flatMap(
                n ->
                    Arbitraries.integers()
                        .between(0, 250)
                        .list()
                        .ofSize(n + 1)
                        .map(l -> String.join(".", l.stream().map(String::valueOf).toList())));
    Arbitrary<String> floor =
        Combinators.combine(Arbitraries.of(">=", "~=", "=="), v)
            .as((op, ver) -> op + (op.equals("~=") && !ver.contains(".") ? ver + ".0" : ver));
    Arbitrary<String> upper =
        Combinators.combine(Arbitraries.of("<", "<="), v).as((op, ver) -> op + ver);
    Arbitrary<String> sep = Arbitraries.of(",", ", ", " , ");
    return Arbitraries.oneOf(
        floor,
        upper,
        Combinators.combine(floor.filter(f -> !f.startsWith("==")), sep, upper)
            .as((a, s, b) -> a + s + b),
        v.map(x -> "==" + x + ".*"));
  }

  @Provide
  Arbitrary<String> targets() {
    Arbitrary<String> release =
        Arbitraries.integers()
            .between(0, 260)
            .list()
            .ofMinSize(1)
            .ofMaxSize(3)
            .map(l -> String.join(".", l.stream().map(String::valueOf).toList()));
    return Combinators.combine(
            release, Arbitraries.of("", "", "a20251229", "rc1", ".dev20241212+7001", ".post1"))
        .as((r, s) -> r + s);
  }
}

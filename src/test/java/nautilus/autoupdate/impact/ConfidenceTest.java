package nautilus.autoupdate.impact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import nautilus.autoupdate.impact.Confidence.ChangeImpact;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class ConfidenceTest {
  @Provide
  Arbitrary<Confidence.ChangeImpact> change() {
    return Combinators.combine(
            Arbitraries.of(Severity.class),
            Arbitraries.of(true, false),
            Arbitraries.of(true, false))
        .as(Confidence.ChangeImpact::new);
  }

  @Provide
  Arbitrary<Optional<TestOutcome>> tests() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 50), Arbitraries.integers().between(0, 5))
        .as((p, f) -> new TestOutcome(p, f))
        .optional();
  }

  private static Confidence.Inputs inputs(
      Optional<Long> age,
      List<Confidence.ChangeImpact> changes,
      int sites,
      int actions,
      Optional<TestOutcome> tests) {
    return new Confidence.Inputs(age, changes, sites, actions, tests);
  }

  private static int score(Confidence.Inputs in) {
    return Confidence.score(in).value();
  }

  @Property
  void anOlderReleaseNeverScoresLower(
      @ForAll @IntRange(min = 0, max = 400) int days,
      @ForAll @IntRange(min = 0, max = 30) int more,
      @ForAll @Size(max = 6) List<@From("change") ChangeImpact> changes,
      @ForAll @IntRange(min = 0, max = 40) int sites) {
    int younger = score(inputs(Optional.of((long) days), changes, sites, 0, Optional.empty()));
    int older = score(inputs(Optional.of((long) days + more), changes, sites, 0, Optional.empty()));
    assertThat(older).isGreaterThanOrEqualTo(younger);
    // An unknown date is treated as brand new.
    assertThat(score(inputs(Optional.empty(), changes, sites, 0, Optional.empty())))
        .isLessThanOrEqualTo(younger);
  }

  @Property
  void anotherChangeReachingOurCodeNeverRaisesTheScore(
      @ForAll @Size(max = 6) List<@From("change") ChangeImpact> changes,
      @ForAll("change") Confidence.ChangeImpact extra,
      @ForAll @IntRange(min = 0, max = 40) int sites,
      @ForAll @IntRange(min = 0, max = 3) int actions,
      @ForAll("tests") Optional<TestOutcome> tests) {
    List<Confidence.ChangeImpact> more = new ArrayList<>(changes);
    more.add(extra);
    Optional<Long> age = Optional.of(3L);
    assertThat(score(inputs(age, more, sites + 1, actions, tests)))
        .isLessThanOrEqualTo(score(inputs(age, changes, sites, actions, tests)));
    assertThat(score(inputs(age, changes, sites, actions + 1, tests)))
        .isLessThanOrEqualTo(score(inputs(age, changes, sites, actions, tests)));
  }

  @Property
  void worseSeverityMoreCertaintyOrNoAutoFixNeverRaisesTheScore(
      @ForAll Severity a, @ForAll Severity b, @ForAll boolean certain, @ForAll boolean fixable) {
    Severity worse = Severity.worst(a, b);
    Severity better = worse == a ? b : a;
    assertThat(Confidence.changePenalty(new Confidence.ChangeImpact(worse, certain, fixable)))
        .isGreaterThanOrEqualTo(
            Confidence.changePenalty(new Confidence.ChangeImpact(better, certain, fixable)));
    assertThat(Confidence.changePenalty(new Confidence.ChangeImpact(a, true, fixable)))
        .isGreaterThanOrEqualTo(
            Confidence.changePenalty(new Confidence.ChangeImpact(a, false, fixable)));
    assertThat(Confidence.changePenalty(new Confidence.ChangeImpact(a, certain, false)))
        .isGreaterThan(Confidence.changePenalty(new Confidence.ChangeImpact(a, certain, true)));
  }

  @Property
  void testResultsOrderGreenOverUnknownOverRed(
      @ForAll @Size(max = 6) List<@From("change") ChangeImpact> changes,
      @ForAll @IntRange(min = 1, max = 500) int passed,
      @ForAll @IntRange(min = 1, max = 5) int failed) {
    Optional<Long> age = Optional.of(30L);
    int green = score(inputs(age, changes, 2, 0, Optional.of(new TestOutcome(passed, 0))));
    int unknown = score(inputs(age, changes, 2, 0, Optional.empty()));
    int red = score(inputs(age, changes, 2, 0, Optional.of(new TestOutcome(passed, failed))));
    assertThat(green).isGreaterThanOrEqualTo(unknown);
    assertThat(unknown).isGreaterThanOrEqualTo(red);
    assertThat(green).isBetween(0, 100);
    assertThat(red).isBetween(0, 100);
  }

  @Test
  void theWorkedExampleOfTheDocs() {
    // docs/confidence.md: 1.220.0 -> 1.221.0 five days after release, one CRITICAL certain
    // auto-fixable change reaching 3 sites, all with a fix, no actions, tests not run yet.
    Confidence.Score s =
        Confidence.score(
            inputs(
                Optional.of(5L),
                List.of(new Confidence.ChangeImpact(Severity.CRITICAL, true, true)),
                0,
                0,
                Optional.empty()));
    assertThat(Confidence.agePenalty(Optional.of(5L))).isEqualTo(13);
    assertThat(s.value()).isEqualTo(100 - 13 - 2);
    assertThat(s.level()).isEqualTo(ConfidenceLevel.VERY_HIGH);
    assertThat(s.terms()).hasSize(4).first().asString().contains("5 days: -13");
    assertThat(s.terms()).contains("1 break the fixer fixes: -2");
  }

  @Test
  void breaksTheFixerFixesCostLittleAndReviewsLessThanABreak() {
    // Ten CRITICAL breaks, every one with a fix: once 0/100 "manual", now capped at -10.
    List<Confidence.ChangeImpact> fixed = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      fixed.add(new Confidence.ChangeImpact(Severity.CRITICAL, true, true));
    }
    Confidence.Score all =
        Confidence.score(new Confidence.Inputs(Optional.of(30L), fixed, 0, 0, Optional.empty(), 0));
    assertThat(all.value()).isEqualTo(90);
    // One break left unfixed costs more than all of those together; a review item costs 2.
    Confidence.Score unfixed =
        Confidence.score(
            new Confidence.Inputs(
                Optional.of(30L),
                List.of(new Confidence.ChangeImpact(Severity.CRITICAL, true, false)),
                1,
                0,
                Optional.empty(),
                0));
    assertThat(unfixed.value()).isEqualTo(100 - 24 - 1);
    Confidence.Score reviews =
        Confidence.score(
            new Confidence.Inputs(Optional.of(30L), List.of(), 0, 0, Optional.empty(), 3));
    assertThat(reviews.value()).isEqualTo(94);
    assertThat(reviews.terms()).contains("3 review items touching our code: -6");
  }

  @Test
  void ageBoundaries() {
    assertThat(Confidence.agePenalty(Optional.of(0L))).isEqualTo(20);
    assertThat(Confidence.agePenalty(Optional.of(13L))).isEqualTo(2);
    assertThat(Confidence.agePenalty(Optional.of(14L))).isZero();
    assertThat(Confidence.agePenalty(Optional.of(-3L))).isEqualTo(20);
    assertThat(Confidence.agePenalty(Optional.empty())).isEqualTo(20);
  }

  @Test
  void manyUnfixableChangesClampAtZero() {
    List<Confidence.ChangeImpact> many = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      many.add(new Confidence.ChangeImpact(Severity.CRITICAL, true, false));
    }
    Confidence.Score s =
        Confidence.score(inputs(Optional.of(0L), many, 50, 2, Optional.of(new TestOutcome(1, 1))));
    assertThat(s.value()).isZero();
    assertThat(s.level()).isEqualTo(ConfidenceLevel.LOW);
  }
}

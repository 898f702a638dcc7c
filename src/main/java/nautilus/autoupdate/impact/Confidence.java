package nautilus.autoupdate.impact;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The confidence score (0-100) that an upgrade goes through without a person, documented with a
 * worked example in docs/confidence.md. Starting from 100 it subtracts:
 *
 * <ul>
 *   <li>release age: {@code ceil(20 * (14 - days) / 14)} for a release younger than 14 days, 20
 *       when the release date is unknown (unreleased notes);
 *   <li>per break the fixer will fix (certain, a fix for every certain site): 2, at most 10 for all
 *       of them together, since the edit is proven before it is written;
 *   <li>per other breaking change that reaches our code (a break left unfixed): its worst site's
 *       severity weight (CRITICAL 12, HIGH 8, MEDIUM 4, LOW 2), halved when all its sites are only
 *       possible, doubled when it is not auto-fixable;
 *   <li>one point per affected site without a fix, at most 15;
 *   <li>2 per review item (a behavior or default note) that touches our code, at most 10;
 *   <li>10 per action a person must take, at most 30;
 *   <li>test results when known: 40 when any test fails, 10 when none ran; a green run adds 10.
 * </ul>
 *
 * The result is clamped to 0..100.
 */
public final class Confidence {
  static final int AGE_WINDOW_DAYS = 14;
  static final int AGE_MAX_PENALTY = 20;
  static final int SITE_PENALTY_CAP = 15;
  static final int ACTION_PENALTY = 10;
  static final int ACTION_PENALTY_CAP = 30;
  static final int FAILED_TESTS_PENALTY = 40;
  static final int NO_TESTS_PENALTY = 10;
  static final int GREEN_TESTS_BONUS = 10;
  static final int FIXED_PENALTY = 2;
  static final int FIXED_PENALTY_CAP = 10;
  static final int REVIEW_PENALTY = 2;
  static final int REVIEW_PENALTY_CAP = 10;

  /** One breaking change as it reaches our code. */
  public record ChangeImpact(Severity worst, boolean certain, boolean autoFixable) {}

  /**
   * Everything the score weighs. {@code releaseAgeDays} is empty when the release date is unknown;
   * {@code sites} counts the sites without a fix; {@code tests} is empty until tests have run;
   * {@code reviews} counts the review items that touch our code.
   */
  public record Inputs(
      Optional<Long> releaseAgeDays,
      List<ChangeImpact> changes,
      int sites,
      int actions,
      Optional<TestOutcome> tests,
      int reviews) {
    public Inputs {
      changes = List.copyOf(changes);
    }

    public Inputs(
        Optional<Long> releaseAgeDays,
        List<ChangeImpact> changes,
        int sites,
        int actions,
        Optional<TestOutcome> tests) {
      this(releaseAgeDays, changes, sites, actions, tests, 0);
    }
  }

  /** The score and the terms it is made of, so a report or a person can see why. */
  public record Score(int value, ConfidenceLevel level, List<String> terms) {
    public Score {
      terms = List.copyOf(terms);
    }
  }

  private Confidence() {}

  public static Score score(Inputs in) {
    List<String> terms = new ArrayList<>();
    int score = 100;

    int age = agePenalty(in.releaseAgeDays());
    score -= age;
    terms.add(
        "release age " + in.releaseAgeDays().map(d -> d + " days").orElse("unknown") + ": -" + age);

    int fixed = 0;
    for (ChangeImpact c : in.changes()) {
      if (fixedByUs(c)) {
        fixed++;
        continue;
      }
      int p = changePenalty(c);
      score -= p;
      terms.add(
          "change reaching code ("
              + c.worst().name()
              + (c.certain() ? ", certain" : ", possible")
              + (c.autoFixable() ? ", auto-fixable" : ", manual")
              + "): -"
              + p);
    }
    if (fixed > 0) {
      int p = Math.min(FIXED_PENALTY_CAP, FIXED_PENALTY * fixed);
      score -= p;
      terms.add(fixed + (fixed == 1 ? " break" : " breaks") + " the fixer fixes: -" + p);
    }

    int sites = Math.min(SITE_PENALTY_CAP, in.sites());
    score -= sites;
    terms.add(in.sites() + " affected sites without a fix: -" + sites);

    if (in.reviews() > 0) {
      int p = Math.min(REVIEW_PENALTY_CAP, REVIEW_PENALTY * in.reviews());
      score -= p;
      terms.add(in.reviews() + " review items touching our code: -" + p);
    }

    int actions = Math.min(ACTION_PENALTY_CAP, ACTION_PENALTY * in.actions());
    score -= actions;
    terms.add(in.actions() + " actions for a person: -" + actions);

    if (in.tests().isPresent()) {
      TestOutcome t = in.tests().get();
      int delta = testDelta(t);
      score += delta;
      terms.add("tests " + t.passed() + " passed, " + t.failed() + " failed: " + signed(delta));
    }
    int value = Math.max(0, Math.min(100, score));
    return new Score(value, ConfidenceLevel.of(value), terms);
  }

  static int agePenalty(Optional<Long> days) {
    if (days.isEmpty()) {
      return AGE_MAX_PENALTY;
    }
    long d = Math.max(0, days.get());
    if (d >= AGE_WINDOW_DAYS) {
      return 0;
    }
    // Integer ceiling of 20 * (14 - d) / 14: a day-old release still costs the most.
    return (int)
        ((AGE_MAX_PENALTY * (AGE_WINDOW_DAYS - d) + AGE_WINDOW_DAYS - 1) / AGE_WINDOW_DAYS);
  }

  /** A certain break with a fix for every certain site: the fixer writes it, proven. */
  static boolean fixedByUs(ChangeImpact c) {
    return c.certain() && c.autoFixable();
  }

  static int changePenalty(ChangeImpact c) {
    int weight;
    switch (c.worst()) {
      case CRITICAL:
        weight = 12;
        break;
      case HIGH:
        weight = 8;
        break;
      case MEDIUM:
        weight = 4;
        break;
      default:
        weight = 2;
    }
    if (!c.certain()) {
      weight = weight / 2;
    }
    return c.autoFixable() ? weight : weight * 2;
  }

  static int testDelta(TestOutcome t) {
    if (t.failed() > 0) {
      return -FAILED_TESTS_PENALTY;
    }
    return t.passed() == 0 ? -NO_TESTS_PENALTY : GREEN_TESTS_BONUS;
  }

  private static String signed(int v) {
    return v >= 0 ? "+" + v : Integer.toString(v);
  }
}

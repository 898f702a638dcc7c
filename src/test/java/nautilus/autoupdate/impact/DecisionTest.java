package nautilus.autoupdate.impact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import nautilus.autoupdate.notes.BreakingChange;
import nautilus.autoupdate.notes.ChangeKind;
import nautilus.autoupdate.notes.ChangeScope;
import nautilus.autoupdate.version.Version;
import org.junit.jupiter.api.Test;

class DecisionTest {
  static final BreakingChange STATISTICS =
      new BreakingChange(
          Version.parse("1.221.0"),
          "Removed `nautilus_trader.analysis.statistics` subpackage",
          ChangeKind.REMOVE,
          ChangeScope.PYTHON,
          List.of("nautilus_trader.analysis.statistics"),
          List.of("nautilus_trader.analysis"),
          true,
          null,
          "releases-md");
  static final BreakingChange PY311 =
      new BreakingChange(
          Version.parse("1.222.0"),
          "Dropped support for Python 3.11",
          ChangeKind.PLATFORM,
          ChangeScope.PYTHON,
          List.of(),
          List.of(),
          false,
          null,
          "releases-md");

  static Site site(int change, Certainty certainty, String fix) {
    return new Site(5, 1, null, "from x import y", MatchKind.IMPORT, certainty, change, fix, null);
  }

  static Decision.Context context(long age, Optional<String> requiresPython) {
    return new Decision.Context(
        Optional.of(age), Optional.empty(), requiresPython, Optional.empty(), 85, 65);
  }

  @Test
  void anOldReleaseWithOneFixableImportIsAuto() {
    var files =
        List.of(
            new AffectedFile(
                "a.py",
                Severity.CRITICAL,
                List.of(site(0, Certainty.CERTAIN, "nautilus_trader.analysis"))));
    var out =
        Decision.decide(List.of(STATISTICS), files, List.of(), context(100, Optional.empty()));
    // The fixer fixes the one break (-2), and the site has its fix (no site term).
    assertThat(out.score().value()).isEqualTo(100 - 2);
    assertThat(out.recommendation()).isEqualTo(Recommendation.AUTO);
    assertThat(out.canAutoUpdate()).isTrue();
    assertThat(out.blockers()).isEmpty();
  }

  @Test
  void aCertainSiteWithoutFixOrAnActionForbidsAutoUpdate() {
    var noFix =
        List.of(
            new AffectedFile("a.py", Severity.CRITICAL, List.of(site(0, Certainty.CERTAIN, null))));
    assertThat(
            Decision.decide(List.of(STATISTICS), noFix, List.of(), context(100, Optional.empty()))
                .canAutoUpdate())
        .isFalse();
    var possibleOnly =
        List.of(
            new AffectedFile(
                "a.py", Severity.CRITICAL, List.of(site(0, Certainty.POSSIBLE, null))));
    assertThat(
            Decision.decide(
                    List.of(STATISTICS), possibleOnly, List.of(), context(100, Optional.empty()))
                .canAutoUpdate())
        .isTrue();
    assertThat(
            Decision.decide(
                    List.of(STATISTICS),
                    possibleOnly,
                    List.of(new Action("rename data folders", 0)),
                    context(100, Optional.empty()))
                .canAutoUpdate())
        .isFalse();
  }

  @Test
  void thresholdsPickDelayedAndManual() {
    var files =
        List.of(
            new AffectedFile("a.py", Severity.CRITICAL, List.of(site(0, Certainty.CERTAIN, null))));
    // 100 - 24 (critical, not fixable) - 1 site = 75: delayed at 65, manual at 80.
    var delayed =
        Decision.decide(List.of(STATISTICS), files, List.of(), context(30, Optional.empty()));
    assertThat(delayed.score().value()).isEqualTo(75);
    assertThat(delayed.recommendation()).isEqualTo(Recommendation.DELAYED);
    var strict =
        new Decision.Context(
            Optional.of(30L), Optional.empty(), Optional.empty(), Optional.empty(), 90, 80);
    assertThat(Decision.decide(List.of(STATISTICS), files, List.of(), strict).recommendation())
        .isEqualTo(Recommendation.MANUAL);
  }

  @Test
  void droppingAPythonOurRequiresPythonAllowsBlocks() {
    var out =
        Decision.decide(List.of(PY311), List.of(), List.of(), context(100, Optional.of(">=3.11")));
    assertThat(out.recommendation()).isEqualTo(Recommendation.BLOCKED);
    assertThat(out.canAutoUpdate()).isFalse();
    assertThat(out.blockers())
        .containsExactly(
            new Action(
                "1.222.0 drops Python 3.11 but requires-python '>=3.11' still allows it: raise"
                    + " requires-python to >=3.12",
                0));
    var fine =
        Decision.decide(List.of(PY311), List.of(), List.of(), context(100, Optional.of(">=3.12")));
    assertThat(fine.recommendation()).isEqualTo(Recommendation.AUTO);
    var unknown =
        Decision.decide(List.of(PY311), List.of(), List.of(), context(100, Optional.empty()));
    assertThat(unknown.blockers()).isEmpty();
  }

  @Test
  void aTargetMissingFromTheIndexBlocks() {
    var ctx =
        new Decision.Context(
            Optional.of(100L), Optional.empty(), Optional.empty(), Optional.of(false), 85, 65);
    var out = Decision.decide(List.of(), List.of(), List.of(), ctx);
    assertThat(out.recommendation()).isEqualTo(Recommendation.BLOCKED);
    assertThat(out.blockers())
        .containsExactly(new Action("the target version is not on the package index", null));
  }

  static ImpactReport report(Version v, List<BreakingChange> changes, Decision.Outcome out) {
    return TestReport.of(v, Version.parse("1.220.0"))
        .changes(changes)
        .score(out.score().value())
        .level(out.score().level())
        .recommendation(out.recommendation())
        .canAutoUpdate(out.canAutoUpdate())
        .actions(out.blockers())
        .build();
  }

  @Test
  void aBlockedReportSaysFromWhichVersionItIsBlockedAndTheChangeThatLiftsIt() {
    var out =
        Decision.decide(List.of(PY311), List.of(), List.of(), context(100, Optional.of(">=3.11")));
    List<Decision.Block> blocks =
        Decision.blocks(report(Version.parse("1.231.0"), List.of(PY311), out));
    assertThat(blocks)
        .containsExactly(
            new Decision.Block(
                Version.parse("1.222.0"),
                out.blockers().get(0).text(),
                "raise requires-python to >=3.12"));

    var ctx =
        new Decision.Context(
            Optional.of(100L), Optional.empty(), Optional.empty(), Optional.of(false), 85, 65);
    var missing = Decision.decide(List.of(), List.of(), List.of(), ctx);
    assertThat(Decision.blocks(report(Version.parse("1.231.0"), List.of(), missing)))
        .as("only the missing version itself is blocked, and nothing a person changes lifts it")
        .containsExactly(
            new Decision.Block(
                Version.parse("1.231.0"), "the target version is not on the package index", null));

    var fine =
        Decision.decide(List.of(PY311), List.of(), List.of(), context(100, Optional.of(">=3.12")));
    assertThat(Decision.blocks(report(Version.parse("1.231.0"), List.of(PY311), fine))).isEmpty();
  }

  @Test
  void aChangeIsFixableForUsWhenEveryCertainSiteHasAFix() {
    BreakingChange unflagged =
        new BreakingChange(
            STATISTICS.version(),
            STATISTICS.text(),
            STATISTICS.kind(),
            STATISTICS.scope(),
            STATISTICS.old(),
            STATISTICS.replacements(),
            false,
            null,
            "releases-md");
    var fixed = Decision.changeImpact(unflagged, List.of(site(0, Certainty.CERTAIN, "x")));
    assertThat(fixed.autoFixable()).isTrue();
    assertThat(fixed.worst()).isEqualTo(Severity.CRITICAL);
    var mixed =
        Decision.changeImpact(
            STATISTICS, List.of(site(0, Certainty.CERTAIN, "x"), site(0, Certainty.CERTAIN, null)));
    assertThat(mixed.autoFixable()).isFalse();
    // With only possible sites, the note's own flag decides.
    assertThat(
            Decision.changeImpact(unflagged, List.of(site(0, Certainty.POSSIBLE, null)))
                .autoFixable())
        .isFalse();
    assertThat(
            Decision.changeImpact(STATISTICS, List.of(site(0, Certainty.POSSIBLE, null))).certain())
        .isFalse();
  }
}

package nautilus.autoupdate.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import nautilus.autoupdate.fix.FixResult;
import nautilus.autoupdate.impact.Action;
import nautilus.autoupdate.impact.AffectedFile;
import nautilus.autoupdate.impact.Certainty;
import nautilus.autoupdate.impact.ImpactReport;
import nautilus.autoupdate.impact.MatchKind;
import nautilus.autoupdate.impact.Recommendation;
import nautilus.autoupdate.impact.Severity;
import nautilus.autoupdate.impact.Site;
import nautilus.autoupdate.impact.TestReport;
import nautilus.autoupdate.notes.BreakingChange;
import nautilus.autoupdate.notes.ChangeKind;
import nautilus.autoupdate.notes.ChangeScope;
import nautilus.autoupdate.verify.TestResult;
import nautilus.autoupdate.verify.TestStatus;
import nautilus.autoupdate.version.Version;
import org.junit.jupiter.api.Test;

class PrBodyTest {
  static ImpactReport report() {
    Version v = Version.parse("1.221.0");
    BreakingChange c =
        new BreakingChange(
            v,
            "Renamed `OrderBookDelta` to `OrderBookDeltas`",
            ChangeKind.RENAME,
            ChangeScope.values()[0],
            List.of("OrderBookDelta"),
            List.of("OrderBookDeltas"),
            true,
            null,
            "releases-md");
    Site s =
        new Site(
            12,
            5,
            null,
            "from x import OrderBookDelta",
            MatchKind.IMPORT,
            Certainty.CERTAIN,
            0,
            "OrderBookDeltas",
            null);
    return TestReport.of(v, Version.parse("1.220.0"))
        .changes(List.of(c))
        .files(List.of(new AffectedFile("strategies/ema.py", Severity.CRITICAL, List.of(s))))
        .lines(1)
        .score(72)
        .recommendation(Recommendation.DELAYED)
        .canAutoUpdate(true)
        .actions(List.of(new Action("rename data folder", 0)))
        .build();
  }

  @Test
  void impactThenTestsWithNewFailuresFirstThenQuotedNotes() {
    TestResult t =
        TestResult.finished(10, List.of("t::old", "t::new"), 1, 3.2)
            .comparedWith(TestResult.finished(10, List.of("t::old", "t::fixed"), 0, 3));
    String body =
        PrBody.render(report(), List.of(), t, "### Breaking Changes\n- Renamed @alice <b>x</b>");
    assertThat(body)
        .contains("## Impact")
        .contains("1.220.0 → 1.221.0")
        .contains("confidence **72** (high)")
        .contains("`strategies/ema.py` (CRITICAL)")
        .contains("line 12: `from x import OrderBookDelta` — Renamed 'OrderBookDelta'")
        .contains("rename data folder");
    assertThat(body.indexOf("New failures")).isLessThan(body.indexOf("Already failing"));
    assertThat(body.indexOf("Already failing")).isLessThan(body.indexOf("Fixed by this update"));
    assertThat(body).contains("❌ new failures — 10 tests, 2 failed (1 new)");
    assertThat(body).contains("```text\n### Breaking Changes\n- Renamed @alice <b>x</b>\n```");
  }

  @Test
  void newFailuresShowTheirReasonAndEachFixIsListedWithItsNote() {
    TestResult t =
        TestResult.finished(
                3,
                List.of("tests.test_perf", "t::old"),
                Map.of("tests.test_perf", "ModuleNotFoundError: No module named `a.b`"),
                0,
                1)
            .comparedWith(TestResult.finished(3, List.of("t::old"), 0, 1));
    FixResult fixes =
        new FixResult(
            List.of(
                new FixResult.Applied(
                    "strategies/ema.py",
                    12,
                    null,
                    "from x import OrderBookDelta",
                    "from y import" + " OrderBookDeltas",
                    0),
                new FixResult.Applied("nb.ipynb", 3, 1, "import x", "import y", 0)),
            List.of(new FixResult.Skipped("strategies/b.py", 4, null, "possible site", 0)),
            2);
    String body = PrBody.render(report(), List.of(PrBody.fixes(fixes, report()), " "), t, null);
    assertThat(body)
        .contains(
            "- `tests.test_perf`: `ModuleNotFoundError: No module named 'a.b'`",
            "2 site(s) fixed in 2 file(s), 1 left.",
            "- `strategies/ema.py:12`: `from x import OrderBookDelta` → `from y import"
                + " OrderBookDeltas` — Renamed 'OrderBookDelta' to 'OrderBookDeltas'",
            "- `nb.ipynb[cell 1]:3`: `import x` → `import y`",
            "**Left for the agent or a person:**\n- `strategies/b.py:4`: possible site — Renamed");
    assertThat(body.indexOf("## Impact")).isLessThan(body.indexOf("## Automatic fixes"));
    assertThat(body.indexOf("## Automatic fixes")).isLessThan(body.indexOf("## Tests"));
    assertThat(body).doesNotContain("- `t::old`:");
    assertThat(PrBody.fixes(new FixResult(List.of(), List.of(), 0), report())).isEmpty();
  }

  @Test
  void aRunThatDidNotStartIsSaidPlainly() {
    String body =
        PrBody.render(
            report(),
            List.of(),
            TestResult.without(TestStatus.NOT_STARTED, "No module named pytest", 0),
            null);
    assertThat(body)
        .contains("**not started**: No module named pytest")
        .doesNotContain("Release notes");
    assertThat(PrBody.tests(null)).contains("Not run.");
  }

  @Test
  void notesCannotCloseTheirFence() {
    assertThat(PrBody.fence("a ```` b")).startsWith("`````text\n").endsWith("\n`````\n");
  }

  @Test
  void longBodiesAreCutToGithubsLimitWithANote() {
    String notes = "x".repeat(100_000);
    String body = PrBody.render(report(), List.of(), null, notes);
    assertThat(body.length()).isLessThanOrEqualTo(PrBody.LIMIT);
    assertThat(body).endsWith("for the full report.*\n").contains("cut to GitHub's 65,536");
    assertThat(body.lines().filter(l -> l.startsWith("```")).count() % 2).isZero();
  }
}

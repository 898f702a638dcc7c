package nautilus.autoupdate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import nautilus.autoupdate.CliRunner;
import nautilus.autoupdate.Examples;
import nautilus.autoupdate.GitRepos;
import nautilus.autoupdate.Json;
import nautilus.autoupdate.TestModels;
import nautilus.autoupdate.impact.AffectedFile;
import nautilus.autoupdate.impact.Certainty;
import nautilus.autoupdate.impact.ImpactReport;
import nautilus.autoupdate.impact.MatchKind;
import nautilus.autoupdate.impact.Severity;
import nautilus.autoupdate.impact.Site;
import nautilus.autoupdate.impact.TestReport;
import nautilus.autoupdate.notes.BreakingChange;
import nautilus.autoupdate.notes.ChangeKind;
import nautilus.autoupdate.notes.ChangeScope;
import nautilus.autoupdate.version.Version;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FixCommandTest {
  private static final String BEFORE =
      "from nautilus_trader.analysis.statistics.win_rate import WinRate\r\n"
          + "from nautilus_trader.model.enums import AssetClass\r\n"
          + "\r\n"
          + "STATS = [WinRate()]  # kept\r\n"
          + "KIND = AssetClass.BOND\r\n"
          + "MAYBE = thing.BOND\r\n";

  @TempDir Path repo;
  @TempDir Path cache;
  Path report;
  Map<String, String> env;

  @BeforeEach
  void writeRepoAndReport() throws Exception {
    // The fixes are proven on the small 1.221.0 tree's model, from a shared cache of its own.
    env = TestModels.envWithModel(cache, "1.221.0");
    Files.createDirectories(repo.resolve("strategies"));
    Files.writeString(repo.resolve("strategies/stats.py"), BEFORE);
    List<BreakingChange> changes =
        List.of(
            new BreakingChange(
                Version.parse("1.221.0"),
                "Removed `nautilus_trader.analysis.statistics` subpackage - import from"
                    + " `nautilus_trader.analysis`",
                ChangeKind.REMOVE,
                ChangeScope.PYTHON,
                List.of("nautilus_trader.analysis.statistics"),
                List.of("nautilus_trader.analysis"),
                true,
                null,
                "releases-md"),
            new BreakingChange(
                Version.parse("1.221.0"),
                "Renamed `AssetClass.BOND` to `AssetClass.DEBT`",
                ChangeKind.RENAME,
                ChangeScope.PYTHON,
                List.of("AssetClass.BOND"),
                List.of("AssetClass.DEBT"),
                true,
                null,
                "releases-md"));
    List<Site> sites =
        List.of(
            new Site(1, 6, null, "from ...", MatchKind.IMPORT, Certainty.CERTAIN, 0, null, null),
            new Site(
                5,
                8,
                null,
                "AssetClass.BOND",
                MatchKind.ATTRIBUTE,
                Certainty.CERTAIN,
                1,
                null,
                null),
            new Site(
                6, 9, null, "thing.BOND", MatchKind.ATTRIBUTE, Certainty.POSSIBLE, 1, null, null));
    ImpactReport r =
        TestReport.of("1.221.0", "1.220.0")
            .changes(changes)
            .files(List.of(new AffectedFile("strategies/stats.py", Severity.CRITICAL, sites)))
            .lines(3)
            .score(70)
            .generatedAt(Instant.parse("2026-11-01T00:00:00Z"))
            .build();
    report = repo.resolve("report.json");
    Files.writeString(report, Json.mapper().writeValueAsString(r));
  }

  @Test
  void dryRunPrintsTheDiffAndWritesNothing() throws Exception {
    CliRunner.Result r =
        CliRunner.run(repo, env, "fix", "--repo", ".", "--report", "report.json", "--dry-run");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
    assertThat(r.out())
        .contains("--- a/strategies/stats.py", "+++ b/strategies/stats.py")
        .contains("-from nautilus_trader.analysis.statistics.win_rate import WinRate")
        .contains("+from nautilus_trader.analysis import WinRate")
        .contains("+KIND = AssetClass.DEBT")
        .contains("2 site(s) fixed in 1 file(s) (dry run: nothing written); 1 left")
        .contains("strategies/stats.py:6  a possible site");
    assertThat(Files.readString(repo.resolve("strategies/stats.py"))).isEqualTo(BEFORE);
  }

  @Test
  void writesTheFixesKeepingCrlf() throws Exception {
    CliRunner.Result r = CliRunner.run(repo, env, "fix", "--report", "report.json");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
    assertThat(Files.readString(repo.resolve("strategies/stats.py")))
        .isEqualTo(
            BEFORE
                .replace("analysis.statistics.win_rate", "analysis")
                .replace("AssetClass.BOND", "AssetClass.DEBT"));
    try (var files = Files.list(repo.resolve("strategies"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("stats.py");
    }
  }

  @Test
  void jsonFormatIsTheFixResult() throws Exception {
    CliRunner.Result r =
        CliRunner.run(repo, env, "fix", "--report", "report.json", "--dry-run", "--format", "json");
    JsonNode json = Json.mapper().readTree(r.out());
    assertThat(json.get("files_changed").asInt()).isEqualTo(1);
    assertThat(json.get("applied")).hasSize(2);
    assertThat(json.get("applied").get(0).get("before").asText())
        .isEqualTo("from nautilus_trader.analysis.statistics.win_rate import WinRate");
    assertThat(json.get("applied").get(0).get("after").asText())
        .isEqualTo("from nautilus_trader.analysis import WinRate");
    assertThat(json.get("skipped").get(0).get("line").asInt()).isEqualTo(6);
  }

  /** The fenced diff under "## 1.221.0" in the demo's EXPECTED.md. */
  static String expectedDemoDiff() throws Exception {
    String doc = Files.readString(Examples.DIR.resolve("demo-strategy/EXPECTED.md"));
    String section = doc.substring(doc.indexOf("## 1.221.0"));
    int start = section.indexOf("```diff\n") + "```diff\n".length();
    return section.substring(start, section.indexOf("```\n", start));
  }

  @Test
  void dryRunOnTheDemoPrintsTheExpectedDiffAndApplyingItGivesWhatFixWrites() throws Exception {
    Path demo = Examples.copyTo(repo.resolve("dry")).resolve("demo-strategy");
    String performance = Files.readString(demo.resolve("demo/analysis/performance.py"));
    CliRunner.Result r =
        CliRunner.run(
            demo, env, "fix", "--to", "1.221.0", "--offline", "--dry-run", "--format", "diff");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
    assertThat(r.out()).isEqualTo(expectedDemoDiff());
    assertThat(Files.readString(demo.resolve("demo/analysis/performance.py")))
        .isEqualTo(performance);

    Path fixed = Examples.copyTo(repo.resolve("fixed")).resolve("demo-strategy");
    assertThat(CliRunner.run(fixed, env, "fix", "--to", "1.221.0", "--offline").exitCode())
        .isZero();
    Files.writeString(repo.resolve("demo.diff"), r.out());
    GitRepos.git(demo, "apply", repo.resolve("demo.diff").toString());
    for (String f : List.of("demo/analysis/performance.py", "notebooks/research.ipynb")) {
      assertThat(Files.readString(demo.resolve(f)))
          .as(f)
          .isEqualTo(Files.readString(fixed.resolve(f)));
    }
  }

  @Test
  void aReportAndReleaseNotesTogetherAreABadArgumentAndNothingIsWritten() throws Exception {
    String before = Files.readString(repo.resolve("strategies/stats.py"));
    for (String notes : new String[] {"--releases-md", "--changelog-json"}) {
      CliRunner.Result r = CliRunner.run(repo, env, "fix", "--report", "report.json", notes, "x");
      assertThat(r.exitCode()).isEqualTo(ExitCodes.ERROR);
      assertThat(r.err())
          .contains("error: Error: " + notes + "=FILE, --report=FILE are mutually exclusive");
    }
    assertThat(Files.readString(repo.resolve("strategies/stats.py"))).isEqualTo(before);
  }

  @Test
  void diffFormatPrintsOnlyTheDiff() {
    CliRunner.Result r =
        CliRunner.run(repo, env, "fix", "--report", "report.json", "--dry-run", "--format", "diff");
    assertThat(r.out()).startsWith("--- a/strategies/stats.py").doesNotContain("site(s) fixed");
  }

  @Test
  void aBrokenReportIsAOneLineError() throws Exception {
    Files.writeString(report, "{\n  \"version\": \"1.221.0\",\n  \"breaking_changes\": [oops]\n}");
    CliRunner.Result r = CliRunner.run(repo, env, "fix", "--report", "report.json");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(r.err())
        .startsWith("error: ")
        .contains("report.json:3")
        .contains("expected an impact report");
    assertThat(r.err().strip().lines()).hasSize(1);
  }

  @Test
  void withoutAReportItNeedsReleaseNotes() {
    CliRunner.Result r = CliRunner.run(repo, env, "fix", "--dry-run");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(r.err()).contains("no release notes").contains("--releases-md");
  }

  @Test
  void withoutAReportItRunsTheAnalysisLikeCheck() throws Exception {
    String notes = Examples.DIR.resolve("RELEASES.md").toString();
    CliRunner.Result r =
        CliRunner.run(
            repo,
            env,
            "fix",
            "--releases-md",
            notes,
            "--from",
            "1.220.0",
            "--to",
            "1.221.0",
            "--offline",
            "--dry-run",
            "--format",
            "diff");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("-from nautilus_trader.analysis.statistics.win_rate import WinRate")
        .contains("+from nautilus_trader.analysis import WinRate");
    assertThat(Files.readString(repo.resolve("strategies/stats.py"))).isEqualTo(BEFORE);

    CliRunner.Result current =
        CliRunner.run(
            repo, env, "fix", "--releases-md", notes, "--from", "1.221.0", "--to", "1.221.0");
    assertThat(current.exitCode()).as(current.err()).isZero();
    assertThat(current.out()).contains("no update needed");
  }

  @Test
  void withoutAModelOfTheTargetNothingIsWrittenAndEachSiteSaysWhy() throws Exception {
    CliRunner.Result r =
        CliRunner.run(repo, Map.of(), "fix", "--report", "report.json", "--offline");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
    assertThat(r.out())
        .contains("strategies/stats.py:1  unproven: no cached API model of nautilus_trader 1.221.0")
        .contains("0 site(s) fixed in 0 file(s)");
    assertThat(Files.readString(repo.resolve("strategies/stats.py"))).isEqualTo(BEFORE);
  }

  @Test
  void anEditThatDoesNotResolveOnTheTargetIsLeftWithTheReason() throws Exception {
    // The note's replacement names a member the 1.221.0 model does not have.
    String json = Files.readString(report).replace("AssetClass.DEBT", "AssetClass.DEBTS");
    Files.writeString(report, json);
    CliRunner.Result r = CliRunner.run(repo, env, "fix", "--report", "report.json");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
    assertThat(r.out())
        .contains("strategies/stats.py:5  unproven: `nautilus_trader.model.enums.AssetClass.DEBTS`")
        .contains("AssetClass has no member `DEBTS`")
        .contains("1 site(s) fixed in 1 file(s)");
    assertThat(Files.readString(repo.resolve("strategies/stats.py")))
        .contains("from nautilus_trader.analysis import WinRate")
        .contains("AssetClass.BOND");
  }

  @Test
  void aBadFormatIsRejected() {
    CliRunner.Result r =
        CliRunner.run(repo, env, "fix", "--report", "report.json", "--format", "xml");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(r.err()).contains("expected text, json or diff");
    assertThat(new String(r.out().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
        .isEmpty();
  }
}

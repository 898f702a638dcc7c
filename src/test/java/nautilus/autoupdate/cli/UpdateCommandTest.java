package nautilus.autoupdate.cli;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static nautilus.autoupdate.GitRepos.git;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import nautilus.autoupdate.CliRunner;
import nautilus.autoupdate.Examples;
import nautilus.autoupdate.GitRepos;
import nautilus.autoupdate.Json;
import nautilus.autoupdate.TestModels;
import nautilus.autoupdate.impact.Action;
import nautilus.autoupdate.impact.ImpactReport;
import nautilus.autoupdate.impact.Recommendation;
import nautilus.autoupdate.impact.TestReport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class UpdateCommandTest {
  @TempDir Path dir;
  GitRepos repos;
  Map<String, String> ENV;

  @BeforeEach
  void setUp() {
    // Fixes are proven on the small 1.221.0 tree's model, never on one fetched from PyPI.
    ENV = new java.util.HashMap<>(TestModels.envWithModel(dir.resolve("cache"), "1.221.0"));
    ENV.put("GITHUB_TOKEN", "test-token");
    repos =
        GitRepos.create(
            dir, "[project]\nname = \"s\"\ndependencies = [\"nautilus_trader==1.220.0\"]\n");
  }

  private Path report(Recommendation rec, int score) throws Exception {
    ImpactReport r =
        TestReport.of("1.221.0", "1.220.0")
            .score(score)
            .recommendation(rec)
            .actions(
                rec == Recommendation.MANUAL
                    ? List.of(new Action("rename a folder", 0))
                    : List.of())
            .build();
    Path f = dir.resolve("report.json");
    Files.writeString(f, Json.mapper().writeValueAsString(r));
    return f;
  }

  @Test
  void refusesManualRecommendationsWithExitCodeThreeAndTheReason() throws Exception {
    Path rep = report(Recommendation.MANUAL, 30);
    var r =
        CliRunner.run(repos.user, ENV, "update", "--report", rep.toString(), "--format", "json");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.REFUSED);
    var json = Json.mapper().readTree(r.out());
    assertThat(json.path("success").asBoolean()).isFalse();
    assertThat(json.path("branch_name").asText()).isEqualTo("update/v1.221.0");
    assertThat(json.path("error_message").asText())
        .contains("manual")
        .contains("1 manual action")
        .contains("--force");
    assertThat(repos.remoteBranches()).containsExactly("main");
  }

  @RegisterExtension
  static WireMockExtension github =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @Test
  void dryRunPrintsTheStepsAndChangesNothingAnywhere() throws Exception {
    Path rep = report(Recommendation.AUTO, 90);
    // GitHub on loopback: the dry run must not call it at all.
    Map<String, String> env =
        Map.of(
            "GITHUB_TOKEN", "test-token", "NAUTILUS_AUTOUPDATE_GITHUB_API_URL", github.baseUrl());
    String hash = repos.userCheckoutHash();
    String refs = git(repos.user, "for-each-ref") + git(repos.remote, "for-each-ref");
    String gitFiles = git(repos.user, "count-objects", "-v");
    var r =
        CliRunner.run(
            dir,
            env,
            "update",
            "--repo",
            "user",
            "--report",
            rep.toString(),
            "--dry-run",
            "--force");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(github.getAllServeEvents()).as("HTTP calls made by a dry run").isEmpty();
    assertThat(r.out())
        .contains("dry run")
        .contains("git fetch")
        .contains("create branch update/v1.221.0")
        .contains("would commit (hooks run): chore(deps): update nautilus_trader to 1.221.0")
        .contains("POST pulls");
    assertThat(repos.userCheckoutHash()).isEqualTo(hash);
    assertThat(git(repos.user, "for-each-ref") + git(repos.remote, "for-each-ref")).isEqualTo(refs);
    assertThat(git(repos.user, "count-objects", "-v")).isEqualTo(gitFiles);
    assertThat(repos.user.resolve(".git/nautilus-autoupdate")).doesNotExist();
  }

  @Test
  void noPushBuildsTheLocalBranchOnlyAndPrintsJson() throws Exception {
    Path rep = report(Recommendation.AUTO, 90);
    String hash = repos.userCheckoutHash();
    var r =
        CliRunner.run(
            repos.user,
            ENV,
            "update",
            "--report",
            rep.toString(),
            "--no-push",
            "--skip-tests",
            "--format",
            "json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    var json = Json.mapper().readTree(r.out());
    assertThat(json.path("success").asBoolean()).isTrue();
    assertThat(json.path("version").asText()).isEqualTo("1.221.0");
    assertThat(json.path("pr_url").isNull()).isTrue();
    assertThat(json.path("test_result").path("status").asText()).isEqualTo("skipped");
    assertThat(json.has("created_at")).isTrue();
    assertThat(r.err()).contains("worktree of update/v1.221.0");
    assertThat(git(repos.user, "branch", "--list", "update/*")).contains("update/v1.221.0");
    assertThat(repos.remoteBranches()).containsExactly("main");
    assertThat(repos.userCheckoutHash()).isEqualTo(hash);
  }

  @Test
  void aRemoteMadeWithGitInitAndPushedStillUpdatesOnTheCheckoutsBranch() throws Exception {
    // The bare remote's HEAD names master, which was never pushed; the clone has no origin/HEAD.
    git(repos.remote, "symbolic-ref", "HEAD", "refs/heads/master");
    git(repos.user, "remote", "set-head", "origin", "--delete");
    Path rep = report(Recommendation.AUTO, 90);
    var r =
        CliRunner.run(
            repos.user, ENV, "update", "--report", rep.toString(), "--no-push", "--skip-tests");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .contains(
            "remote 'origin' names no default branch (its HEAD is missing or points at a branch"
                + " it does not have): using main, the branch this checkout is on")
        .contains("base origin/main at");
    assertThat(git(repos.user, "log", "--format=%s", "main..update/v1.221.0"))
        .contains("update nautilus_trader to 1.221.0");
  }

  @Test
  void offlineNeitherFetchesNorPushesAndPrintsReadableSteps() throws Exception {
    Path rep = report(Recommendation.DELAYED, 70);
    git(repos.remote, "branch", "moved-on", "main");
    var r =
        CliRunner.run(
            repos.user, ENV, "update", "--report", rep.toString(), "--offline", "--skip-tests");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .doesNotContain("fetching")
        .contains("→ base origin/main at ")
        .contains("tests skipped")
        .contains("done: update/v1.221.0");
    assertThat(git(repos.user, "branch", "-r")).doesNotContain("moved-on");
    assertThat(repos.remoteBranches()).containsExactlyInAnyOrder("main", "moved-on");
  }

  @Test
  void badInputIsAOneLineError() throws Exception {
    // Without --report the analysis runs as for check, which needs release notes.
    var noNotes = CliRunner.run(repos.user, ENV, "update");
    assertThat(noNotes.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(noNotes.err()).contains("no release notes").contains("--releases-md");

    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{\n  \"version\": [\n");
    var badReport = CliRunner.run(repos.user, ENV, "update", "--report", bad.toString());
    assertThat(badReport.err()).contains("bad.json:").contains("not an impact report");

    var fmt =
        CliRunner.run(
            repos.user,
            ENV,
            "update",
            "--report",
            report(Recommendation.AUTO, 90).toString(),
            "--format",
            "xml");
    assertThat(fmt.err()).contains("unknown --format 'xml' (expected text or json)");

    var both =
        CliRunner.run(repos.user, ENV, "update", "--releases-md", "a", "--changelog-json", "b");
    assertThat(both.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(both.err()).contains("mutually exclusive");

    var notGit = CliRunner.run(dir, ENV, "update", "--report", bad.toString());
    assertThat(notGit.err()).contains("is not in a git repository").hasLineCount(1);
  }

  /** A repository whose code imports a subpackage 1.221.0 removed. */
  private void commitStatisticsImport() {
    repos.pushFile(
        "strategies/stats.py",
        "from nautilus_trader.analysis.statistics.win_rate import WinRate\n\nSTATS = [WinRate()]\n");
  }

  /** {@code update} in the user's clone, analyzing with examples/RELEASES.md up to {@code to}. */
  private CliRunner.Result updateWithNotes(String to, String... options) {
    return CliRunner.run(repos.user, ENV, Examples.updateArgs(to, options));
  }

  @Test
  void withoutAReportItAnalyzesAndCommitsThePinThenTheFixes() throws Exception {
    commitStatisticsImport();
    String hash = repos.userCheckoutHash();
    var r = updateWithNotes("1.221.0", "--no-push", "--skip-tests");
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    String branch = "update/v1.221.0";
    assertThat(git(repos.user, "log", "--format=%s", "main.." + branch).lines())
        .containsExactly(
            "fix: adapt to nautilus_trader 1.221.0",
            "chore(deps): update nautilus_trader to 1.221.0");
    assertThat(git(repos.user, "show", "--name-only", "--format=", branch + "~1"))
        .isEqualTo("pyproject.toml");
    assertThat(git(repos.user, "show", branch + "~1:pyproject.toml"))
        .contains("nautilus_trader==1.221.0");
    assertThat(git(repos.user, "show", "--name-only", "--format=", branch))
        .isEqualTo("strategies/stats.py");
    assertThat(git(repos.user, "show", branch + ":strategies/stats.py"))
        .contains("from nautilus_trader.analysis import WinRate")
        .doesNotContain("analysis.statistics");
    assertThat(repos.remoteBranches()).containsExactly("main");
    assertThat(repos.userCheckoutHash()).isEqualTo(hash);

    // --no-fix leaves the code alone: only the pin commit.
    git(repos.user, "branch", "-D", branch);
    var noFix = updateWithNotes("1.221.0", "--no-push", "--skip-tests", "--no-fix");
    assertThat(noFix.exitCode()).as(noFix.out() + noFix.err()).isZero();
    assertThat(git(repos.user, "log", "--format=%s", "main.." + branch).lines())
        .containsExactly("chore(deps): update nautilus_trader to 1.221.0");
  }

  @Test
  void dryRunWithoutAReportPreviewsThePinAndTheFixDiffs() {
    commitStatisticsImport();
    var r = updateWithNotes("1.221.0", "--dry-run");
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(r.out())
        .contains("+dependencies = [\"nautilus_trader==1.221.0\"]")
        .contains("+from nautilus_trader.analysis import WinRate")
        .contains("would commit (hooks run): fix: adapt to nautilus_trader 1.221.0");
    assertThat(git(repos.user, "branch", "--list", "update/*")).isEmpty();
  }

  @Test
  void aRepositoryAlreadyAtTheTargetNeedsNoUpdate() {
    var r = updateWithNotes("1.220.0");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("no update needed");
    assertThat(git(repos.user, "branch", "--list", "update/*")).isEmpty();
  }

  @Test
  void helpDescribesEveryOption() {
    var r = CliRunner.run(dir, "update", "--help");
    assertThat(r.out())
        .contains("--dry-run")
        .contains("--no-push")
        .contains("--skip-tests")
        .contains("--force")
        .contains("--offline")
        .contains("--no-fix")
        .contains("Exit codes");
  }

  @Test
  void aHookThatRefusesTheCommitLeavesNoBranchAndSaysWhyInOneLine() throws Exception {
    Path hook = repos.user.resolve(".git/hooks/pre-commit");
    GitRepos.write(hook, "#!/bin/sh\necho 'ruff: lint failed' >&2\nexit 1\n");
    hook.toFile().setExecutable(true);
    String before = repos.userCheckoutHash();
    var r =
        CliRunner.run(repos.user, ENV, Examples.updateArgs("1.221.0", "--skip-tests", "--no-push"));
    assertThat(r.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(r.err().strip())
        .startsWith("error: git commit failed on update/v1.221.0 (a hook may have refused it")
        .contains("ruff: lint failed")
        .endsWith("update/v1.221.0 was not kept")
        .hasLineCount(1);
    assertThat(git(repos.user, "for-each-ref", "--format=%(refname:short)", "refs/heads"))
        .isEqualTo("main");
    assertThat(git(repos.user, "worktree", "list").lines()).hasSize(1);
    assertThat(repos.userCheckoutHash()).isEqualTo(before);

    // A branch an earlier run made is put back where it was, not left at the base.
    Files.delete(hook);
    var ok =
        CliRunner.run(repos.user, ENV, Examples.updateArgs("1.221.0", "--skip-tests", "--no-push"));
    assertThat(ok.exitCode()).as(ok.err()).isZero();
    String made = git(repos.user, "rev-parse", "update/v1.221.0");
    // Main changes the pin's line: the old branch conflicts, so this run must commit again.
    repos.pushFile(
        "pyproject.toml",
        "[project]\nname = \"s\"\ndependencies = [\"nautilus_trader==1.220.0\", \"numpy\"]\n");
    GitRepos.write(hook, "#!/bin/sh\necho 'ruff: lint failed' >&2\nexit 1\n");
    hook.toFile().setExecutable(true);
    var again =
        CliRunner.run(repos.user, ENV, Examples.updateArgs("1.221.0", "--skip-tests", "--no-push"));
    assertThat(again.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(again.err()).contains("update/v1.221.0 is back at " + made.substring(0, 12));
    assertThat(git(repos.user, "rev-parse", "update/v1.221.0")).isEqualTo(made);
  }
}

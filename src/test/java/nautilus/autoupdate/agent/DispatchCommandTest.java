package nautilus.autoupdate.agent;

import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static nautilus.autoupdate.GitRepos.git;
import static nautilus.autoupdate.StarImportDemo.BRANCH;
import static nautilus.autoupdate.StarImportDemo.FAKE_AGENT;
import static nautilus.autoupdate.StarImportDemo.FIXED;
import static nautilus.autoupdate.StarImportDemo.PERFORMANCE;
import static nautilus.autoupdate.StarImportDemo.STAR;
import static nautilus.autoupdate.StarImportDemo.edit;
import static nautilus.autoupdate.github.GitHubStub.REPO;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nautilus.autoupdate.CliRunner;
import nautilus.autoupdate.Examples;
import nautilus.autoupdate.GitRepos;
import nautilus.autoupdate.Json;
import nautilus.autoupdate.StarImportDemo;
import nautilus.autoupdate.github.GitHubStub;
import nautilus.autoupdate.state.AgentRun;
import nautilus.autoupdate.state.StateDb;
import nautilus.autoupdate.version.Version;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dispatch --to 1.221.0} on a copy of the demo whose star import the fixer leaves, with a
 * real repository and bare remote, GitHub on WireMock and the fake agent (a Python script driven by
 * a scenario file). The pin sits in an extra that nothing installs and the test command is a small
 * script that fails while the code imports what the pinned version removed, so no wheel is needed.
 */
class DispatchCommandTest {
  @RegisterExtension
  static WireMockExtension gh =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  static final String SECRET = "ghp_planted_secret_value_4711";

  static final String PYPROJECT =
      """
      [project]
      name = "demo-strategy"
      version = "0.1.0"
      requires-python = ">=3.11"
      dependencies = []

      [project.optional-dependencies]
      trading = [
          "nautilus_trader==1.220.0",
      ]

      [tool.nautilus-autoupdate]
      source_dirs = ["demo", "notebooks", "config", "tests"]
      test_command = "python check_pin.py"
      api_diff = false
      """;

  static final String CHECK =
      """
      # Stands in for the tests: fails while the code imports what the pinned version removed.
      import pathlib, re, sys
      pin = re.search(r"nautilus_trader==([0-9.]+)", pathlib.Path("pyproject.toml").read_text())[1]
      if tuple(map(int, pin.split("."))) >= (1, 221, 0):
          for p in sorted(pathlib.Path("demo").rglob("*.py")):
              for line in p.read_text().splitlines():
                  if line.startswith(("from nautilus_trader.analysis.statistics",
                                      "import nautilus_trader.analysis.statistics")):
                      print(f"{p}: {line}: removed in {pin}")
                      print("1 failed")
                      sys.exit(1)
      print("1 passed")
      """;

  /** Test environments shared by the tests (a venv per pin, made once). */
  @TempDir static Path envs;

  @TempDir Path dir;
  GitRepos repos;
  Path record;

  @BeforeEach
  void setUp() throws Exception {
    Path tree = StarImportDemo.copyTo(dir.resolve("tree"));
    Files.writeString(tree.resolve("pyproject.toml"), PYPROJECT);
    Files.writeString(tree.resolve("check_pin.py"), CHECK);
    GitRepos.write(tree.resolve(".github/workflows/ci.yml"), "on: push\njobs: {}\n");
    GitRepos.write(tree.resolve(".gitignore"), "__pycache__/\n");
    repos = GitRepos.fromTree(dir.resolve("repo"), tree);
    record = dir.resolve("record");
    GitHubStub.pullsFor(gh, BRANCH);
  }

  Map<String, String> env(Map<String, Object> scenario, int timeout) throws Exception {
    Map<String, Object> s = new HashMap<>(scenario);
    s.put("record", record.toString());
    Path file = dir.resolve("scenario.json");
    Files.writeString(file, Json.mapper().writeValueAsString(s));
    Map<String, String> env = new HashMap<>();
    env.put("PATH", System.getenv("PATH"));
    env.put("HOME", System.getenv().getOrDefault("HOME", dir.toString()));
    env.put("GITHUB_TOKEN", SECRET);
    env.put("SMTP_PASSWORD", SECRET);
    env.put("AGENT_API_KEY", "allowed-key");
    env.put("NAUTILUS_AUTOUPDATE_GITHUB_API_URL", gh.baseUrl());
    env.put("NAUTILUS_AUTOUPDATE_RELEASES_MD", Examples.DIR.resolve("RELEASES.md").toString());
    env.put("NAUTILUS_AUTOUPDATE_ENV_CACHE_DIR", envs.toString());
    // No wheel on loopback: no API model, so the proof lets the fixer write nothing and every
    // site is left for the agent (the real wheels are DemoDispatchE2eTest's).
    env.put("NAUTILUS_AUTOUPDATE_PACKAGE_INDEX_URL", gh.baseUrl() + "/no-index");
    env.put("NAUTILUS_AUTOUPDATE_MODEL_CACHE_DIR", dir.resolve("models").toString());
    env.put("NAUTILUS_AUTOUPDATE_AGENT_COMMAND", "python3 " + FAKE_AGENT + " " + file);
    env.put("NAUTILUS_AUTOUPDATE_AGENT_TIMEOUT_SECONDS", String.valueOf(timeout));
    env.put("NAUTILUS_AUTOUPDATE_AGENT_ENV", "AGENT_API_KEY");
    return env;
  }

  CliRunner.Result dispatch(Map<String, Object> scenario, String... extra) throws Exception {
    return run(env(scenario, 60), extra);
  }

  CliRunner.Result run(Map<String, String> env, String... extra) {
    List<String> args =
        new java.util.ArrayList<>(List.of("dispatch", "--to", "1.221.0", "--format", "json"));
    args.addAll(List.of(extra));
    return CliRunner.run(repos.user, env, args.toArray(String[]::new));
  }

  static final String EXPECTANCY =
      "from nautilus_trader.analysis.statistics.expectancy import Expectancy\n";

  /** Every site left: both imports of performance.py (one a star import) and the notebook's. */
  static Map<String, Object> fixesWhatIsLeft() {
    return Map.of(
        "edits",
        List.of(
            edit(
                PERFORMANCE,
                EXPECTANCY + STAR,
                "from nautilus_trader.analysis import Expectancy, WinRate"),
            edit(
                "notebooks/research.ipynb",
                "nautilus_trader.analysis.statistics.sharpe_ratio",
                "nautilus_trader.analysis")),
        "summary",
        "Replaced the star import with `from nautilus_trader.analysis import WinRate`.");
  }

  JsonNode json(CliRunner.Result r) throws Exception {
    return Json.mapper().readTree(r.out());
  }

  List<String> branchLog() {
    return git(repos.remote, "log", "--format=%s", "main.." + BRANCH).lines().toList();
  }

  List<AgentRun> runs() {
    Path state = repos.user.resolve(".git/nautilus-autoupdate/.nautilus-autoupdate");
    try (StateDb db = StateDb.open(state, Clock.systemUTC())) {
      return db.agentRuns(Version.parse("1.221.0"));
    }
  }

  /** The bodies of the PATCHes of PR #7 (the agent's note goes there). */
  static List<String> prPatches() {
    return gh.findAll(patchRequestedFor(urlEqualTo(REPO + "/pulls/7"))).stream()
        .map(LoggedRequest::getBodyAsString)
        .toList();
  }

  static int draftConversions() {
    return (int)
        gh.findAll(postRequestedFor(urlEqualTo("/graphql"))).stream()
            .filter(q -> q.getBodyAsString().contains("convertPullRequestToDraft"))
            .count();
  }

  @Test
  void theAgentsFixOfWhatTheFixerLeftIsCommittedPushedAndNotedAndASecondDispatchIsDone()
      throws Exception {
    String userHash = repos.userCheckoutHash();
    var r = dispatch(fixesWhatIsLeft());

    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode res = json(r);
    assertThat(res.path("outcome").asText()).isEqualTo("committed");
    // Three sites (without a model the fixer writes nothing) and the failing test, then none.
    assertThat(res.path("breaks_before").asInt()).isEqualTo(4);
    assertThat(res.path("breaks_after").asInt()).isZero();
    assertThat(branchLog())
        .containsExactly(
            "fix: agent adaptation to nautilus_trader 1.221.0",
            "chore(deps): update nautilus_trader to 1.221.0");
    assertThat(git(repos.remote, "diff", "--name-only", BRANCH + "~1", BRANCH).lines())
        .containsExactlyInAnyOrder(PERFORMANCE, "notebooks/research.ipynb");
    assertThat(git(repos.remote, "show", BRANCH + ":" + PERFORMANCE))
        .contains("from nautilus_trader.analysis import Expectancy, WinRate")
        .doesNotContain("analysis.statistics");
    assertThat(git(repos.remote, "log", "-1", "--format=%b", BRANCH))
        .contains("4 -> 0")
        .contains("Replaced the star import");

    String brief = Files.readString(record.resolve("brief0.md"));
    assertThat(brief)
        .contains("demo/analysis/performance.py:6")
        .contains(STAR)
        .contains("a star import of a changed module cannot be rewritten safely")
        .contains("demo/analysis/performance.py:5")
        .contains("notebooks/research.ipynb[cell 0]:3")
        .contains("Removed `nautilus_trader.analysis.statistics` subpackage")
        .contains("untrusted")
        .contains("Never change the pin or the lock")
        .contains("never weaken or remove an assertion")
        .contains("test command (exit 1)")
        .doesNotContain(SECRET);
    JsonNode agentEnv = Json.mapper().readTree(record.resolve("env0.json").toFile());
    assertThat(agentEnv.has("AGENT_API_KEY")).isTrue();
    assertThat(agentEnv.has("GITHUB_TOKEN")).isFalse();
    assertThat(agentEnv.toString()).doesNotContain(SECRET);
    assertThat(Files.readString(record.resolve("cwd0.txt")))
        .doesNotStartWith(repos.user.toString());

    String note = prPatches().get(prPatches().size() - 1);
    assertThat(note).contains("Coding agent").contains("committed").contains("4 → 0");
    assertThat(repos.userCheckoutHash()).isEqualTo(userHash);
    assertThat(git(repos.user, "worktree", "list").lines()).hasSize(1);
    assertThat(runs()).hasSize(1);
    assertThat(runs().get(0).outcome()).isEqualTo("committed");
    assertThat(runs().get(0).transcript()).contains("\"is_error\": false");

    var again = dispatch(fixesWhatIsLeft());
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(json(again).path("outcome").asText()).isEqualTo("done");
    assertThat(record.resolve("brief1.md")).doesNotExist();
    assertThat(branchLog()).hasSize(2);
  }

  @Test
  void anAgentThatEditsThePinHasNothingCommittedAndThePrBecomesADraftThatSaysWhy()
      throws Exception {
    var r =
        dispatch(
            Map.of(
                "edits",
                List.of(
                    edit(PERFORMANCE, STAR, FIXED),
                    edit("pyproject.toml", "nautilus_trader==1.221.0", "nautilus_trader>=1.220"))));
    assertThat(r.exitCode()).isEqualTo(1);
    JsonNode res = json(r);
    assertThat(res.path("outcome").asText()).isEqualTo("guardrail");
    assertThat(res.path("violations").toString())
        .contains("pyproject.toml")
        .contains("project.optional-dependencies");
    assertThat(branchLog()).doesNotContain("fix: agent adaptation to nautilus_trader 1.221.0");
    assertThat(draftConversions()).isEqualTo(1);
    assertThat(prPatches().get(prPatches().size() - 1))
        .contains("guardrail")
        .contains("nothing was committed")
        .contains("pyproject.toml");
    assertThat(runs().get(0).outcome()).isEqualTo("guardrail");
  }

  @Test
  void aWeakenedAssertionASkippedTestAndAnEditedCiFileAreEachCaughtAndDropped() throws Exception {
    var r =
        dispatch(
            Map.of(
                "edits",
                List.of(
                    edit(PERFORMANCE, STAR, FIXED),
                    edit(
                        "tests/test_performance.py",
                        "    assert win_rate([10.0, -5.0, 3.0, -1.0]) == pytest.approx(0.5)",
                        "    assert win_rate([10.0, -5.0, 3.0, -1.0]) is not None"),
                    edit(
                        "tests/test_naming.py",
                        "def test_",
                        "@pytest.mark.skip(reason=\"later\")\ndef test_"),
                    edit(".github/workflows/ci.yml", "jobs: {}", "jobs: {skip: true}"))));
    assertThat(r.exitCode()).isEqualTo(1);
    JsonNode res = json(r);
    assertThat(res.path("outcome").asText()).isEqualTo("guardrail");
    assertThat(res.path("violations").toString())
        .contains("tests/test_performance.py: an assertion was removed or changed")
        .contains("tests/test_naming.py: a test was marked to be skipped")
        .contains(".github/workflows/ci.yml: CI configuration was changed");
    assertThat(branchLog()).hasSize(1);
    assertThat(git(repos.remote, "show", BRANCH + ":" + PERFORMANCE)).contains(STAR);
  }

  @Test
  void aHangingAgentIsKilledWithItsWholeProcessGroupAtTheLimit() throws Exception {
    long start = System.nanoTime();
    var r = run(env(Map.of("grandchild", true, "hang", 120), 3));
    double seconds = (System.nanoTime() - start) / 1e9;

    assertThat(r.exitCode()).isEqualTo(1);
    JsonNode res = json(r);
    assertThat(res.path("outcome").asText()).isEqualTo("timed-out");
    assertThat(res.path("message").asText()).contains("3 s").contains("killed");
    assertThat(seconds).isLessThan(100);
    for (String pid : Files.readAllLines(record.resolve("pids.txt"))) {
      if (!pid.isBlank()) {
        var p = ProcessHandle.of(Long.parseLong(pid.strip()));
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (p.isPresent() && p.get().isAlive() && System.nanoTime() < deadline) {
          Thread.sleep(50);
        }
        assertThat(p.map(ProcessHandle::isAlive).orElse(false)).as("pid %s alive", pid).isFalse();
      }
    }
    assertThat(runs().get(0).outcome()).isEqualTo("timed-out");
    assertThat(draftConversions()).isEqualTo(1);
  }

  @Test
  void brokenJsonIsRecordedAndTheNextDispatchTriesAgain() throws Exception {
    var r = dispatch(Map.of("edits", List.of(edit(PERFORMANCE, STAR, FIXED)), "output", "broken"));
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(json(r).path("outcome").asText()).isEqualTo("bad-output");
    assertThat(json(r).path("message").asText()).contains("not JSON");
    assertThat(branchLog()).hasSize(1);

    var again = dispatch(fixesWhatIsLeft());
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(json(again).path("outcome").asText()).isEqualTo("committed");
    assertThat(runs()).extracting(AgentRun::outcome).containsExactly("committed", "bad-output");
  }

  @Test
  void aNonZeroExitACrashAndAnAgentThatChangesNothingEachEndInOneOutcome() throws Exception {
    var failed = dispatch(Map.of("exit", 3));
    assertThat(failed.exitCode()).isEqualTo(1);
    assertThat(json(failed).path("outcome").asText()).isEqualTo("failed");
    assertThat(json(failed).path("message").asText()).contains("exited with code 3");

    var crashed = dispatch(Map.of("signal", 9));
    assertThat(json(crashed).path("outcome").asText()).isEqualTo("crashed");
    assertThat(json(crashed).path("message").asText()).contains("signal 9");

    var nothing = dispatch(Map.of());
    assertThat(json(nothing).path("outcome").asText()).isEqualTo("no-progress");
    assertThat(json(nothing).path("message").asText()).contains("changed nothing");
    // A verdict on the agent's work is final: the next dispatch says so and runs nothing.
    var after = dispatch(fixesWhatIsLeft());
    assertThat(after.exitCode()).isEqualTo(1);
    assertThat(json(after).path("message").asText())
        .contains("already ran")
        .contains("no-progress");
    assertThat(branchLog()).hasSize(1);
    assertThat(runs()).hasSize(3);
  }

  @Test
  void aDryRunShowsTheCommandAndChangesNothing() throws Exception {
    String refs = git(repos.user, "for-each-ref") + git(repos.remote, "for-each-ref");
    var r = dispatch(fixesWhatIsLeft(), "--dry-run");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(json(r).path("outcome").asText()).isEqualTo("dry-run");
    assertThat(r.err())
        .contains("would make " + BRANCH)
        .contains("fake_agent.py")
        .containsPattern("agent environment: AGENT_API_KEY, .*HOME.*PATH")
        .doesNotContain(SECRET);
    assertThat(git(repos.user, "for-each-ref") + git(repos.remote, "for-each-ref")).isEqualTo(refs);
    assertThat(record).doesNotExist();
    assertThat(gh.getAllServeEvents()).isEmpty();
  }

  @Test
  void aDispatchCutShortWhileTheAgentRanIsRecordedAsCrashedAndTheNextOneRunsItAgain()
      throws Exception {
    Path state = repos.user.resolve(".git/nautilus-autoupdate/.nautilus-autoupdate");
    try (StateDb db = StateDb.open(state, Clock.systemUTC())) {
      // What a dispatch killed while its agent ran leaves: a row with no outcome.
      db.startAgentRun(Version.parse("1.221.0"));
    }
    var r = dispatch(fixesWhatIsLeft());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).contains("was cut short; starting again");
    assertThat(runs()).extracting(AgentRun::outcome).containsExactly("committed", "crashed");
    assertThat(runs().get(1).message()).contains("cut short");
    assertThat(runs().get(1).finished()).isTrue();
  }
}

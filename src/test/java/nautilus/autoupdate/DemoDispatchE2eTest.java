package nautilus.autoupdate;

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
import java.util.List;
import java.util.Map;
import nautilus.autoupdate.github.GitHubStub;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dispatch --to 1.221.0} on the demo with one import the fixer cannot rewrite (a star import
 * of the removed {@code nautilus_trader.analysis.statistics.win_rate}), the fake agent making that
 * edit, the real wheels in the test environments (as {@link DemoUpdateE2eTest}), a real repository
 * with a bare remote and GitHub on WireMock.
 */
@Tag("e2e")
class DemoDispatchE2eTest {
  @RegisterExtension
  static WireMockExtension gh =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path dir;
  GitRepos repos;

  @BeforeEach
  void setUp() throws Exception {
    repos = GitRepos.fromTree(dir.resolve("repo"), StarImportDemo.copyTo(dir.resolve("tree")));
    GitHubStub.pullsFor(gh, BRANCH);
  }

  CliRunner.Result dispatch(List<Map<String, Object>> edits) throws Exception {
    Path scenario = dir.resolve("scenario.json");
    Files.writeString(
        scenario,
        Json.mapper()
            .writeValueAsString(
                Map.of(
                    "edits", edits, "summary", "Imported WinRate from nautilus_trader.analysis.")));
    Map<String, String> env = DemoUpdateE2eTest.env(gh.baseUrl());
    env.put("NAUTILUS_AUTOUPDATE_RELEASES_MD", Examples.DIR.resolve("RELEASES.md").toString());
    // The notes cover the demo's breaks; the API diff has its own tests (the proof still reads
    // the real 1.221.0 model).
    env.put("NAUTILUS_AUTOUPDATE_API_DIFF", "false");
    env.put("NAUTILUS_AUTOUPDATE_AGENT_COMMAND", "python3 " + FAKE_AGENT + " " + scenario);
    env.put("NAUTILUS_AUTOUPDATE_AGENT_TIMEOUT_SECONDS", "120");
    return CliRunner.run(repos.user, env, "dispatch", "--to", "1.221.0", "--format", "json");
  }

  List<String> branchLog() {
    return git(repos.remote, "log", "--format=%s", "main.." + BRANCH).lines().toList();
  }

  @Test
  void theAgentsEditIsCommittedAndTheDemoTestsPassOnTheRealWheels() throws Exception {
    String userHash = repos.userCheckoutHash();
    var r = dispatch(List.of(edit(PERFORMANCE, STAR, FIXED)));

    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode res = Json.mapper().readTree(r.out());
    assertThat(res.path("outcome").asText()).isEqualTo("committed");
    // The star import the fixer left, and tests.test_performance failing to import.
    assertThat(res.path("breaks_before").asInt()).isEqualTo(2);
    assertThat(res.path("breaks_after").asInt()).isZero();
    assertThat(res.path("tests").asText()).contains("10 tests, 0 failed");
    assertThat(r.err()).contains("left on " + BRANCH + ": 1 site(s) in 1 file(s)");
    assertThat(branchLog())
        .containsExactly(
            "fix: agent adaptation to nautilus_trader 1.221.0",
            "fix: adapt to nautilus_trader 1.221.0",
            "chore(deps): update nautilus_trader to 1.221.0");
    assertThat(git(repos.remote, "diff", "--name-only", BRANCH + "~1", BRANCH))
        .isEqualTo(PERFORMANCE);
    assertThat(git(repos.remote, "show", BRANCH + ":" + PERFORMANCE))
        .contains(FIXED)
        .contains("from nautilus_trader.analysis import Expectancy")
        .doesNotContain("analysis.statistics");
    List<LoggedRequest> patches = gh.findAll(patchRequestedFor(urlEqualTo(REPO + "/pulls/7")));
    assertThat(patches.get(patches.size() - 1).getBodyAsString())
        .contains("Coding agent")
        .contains("committed")
        .contains("2 → 0");
    assertThat(repos.userCheckoutHash()).isEqualTo(userHash);
  }

  @Test
  void anAgentThatEditsThePinHasNothingCommittedAndThePrIsADraftThatSaysWhy() throws Exception {
    var r =
        dispatch(
            List.of(
                edit(PERFORMANCE, STAR, FIXED),
                edit("pyproject.toml", "nautilus_trader==1.221.0", "nautilus_trader>=1.220")));

    assertThat(r.exitCode()).isEqualTo(1);
    JsonNode res = Json.mapper().readTree(r.out());
    assertThat(res.path("outcome").asText()).isEqualTo("guardrail");
    assertThat(res.path("violations").toString())
        .contains("pyproject.toml: [project.dependencies]");
    assertThat(branchLog())
        .containsExactly(
            "fix: adapt to nautilus_trader 1.221.0",
            "chore(deps): update nautilus_trader to 1.221.0");
    assertThat(git(repos.remote, "show", BRANCH + ":pyproject.toml"))
        .contains("\"nautilus_trader==1.221.0\"");
    assertThat(git(repos.remote, "show", BRANCH + ":" + PERFORMANCE)).contains(STAR);
    assertThat(
            gh.findAll(postRequestedFor(urlEqualTo("/graphql"))).stream()
                .map(LoggedRequest::getBodyAsString))
        .anyMatch(b -> b.contains("convertPullRequestToDraft"));
    List<LoggedRequest> patches = gh.findAll(patchRequestedFor(urlEqualTo(REPO + "/pulls/7")));
    assertThat(patches.get(patches.size() - 1).getBodyAsString())
        .contains("guardrail")
        .contains("nothing was committed")
        .contains("pyproject.toml");
  }
}

package nautilus.autoupdate;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static nautilus.autoupdate.GitRepos.git;
import static nautilus.autoupdate.github.GitHubStub.REPO;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nautilus.autoupdate.github.GitHubStub;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code update --to 1.221.0} on the bundled demo, committed to a real repository with a bare
 * remote, the GitHub API on WireMock and the tests run in real virtualenvs with the real
 * nautilus_trader wheels (pip, or uv when installed; the environments are cached under
 * ~/.cache/nautilus-autoupdate-test/envs, so only a cold cache installs the wheels).
 */
@Tag("e2e")
class DemoUpdateE2eTest {
  @RegisterExtension
  static WireMockExtension gh =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  static final String BRANCH = "update/v1.221.0";
  static final String STATISTICS = "nautilus_trader.analysis.statistics";

  @TempDir Path dir;
  GitRepos repos;

  @BeforeEach
  void setUp() {
    repos = GitRepos.fromTree(dir, Examples.DIR.resolve("demo-strategy"));
    GitHubStub.pullsFor(gh, BRANCH);
  }

  /** The environment of a CI machine with a GitHub token, the API on loopback and cached envs. */
  static Map<String, String> env(String githubApi) {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("GITHUB_TOKEN", "test-token");
    env.put("NAUTILUS_AUTOUPDATE_GITHUB_API_URL", githubApi);
    env.put("NAUTILUS_AUTOUPDATE_ENV_CACHE_DIR", PythonEnvs.CACHE.resolve("envs").toString());
    Path wheels = PythonEnvs.CACHE.resolve("wheels");
    if (Files.isDirectory(wheels)) {
      // Wheels a warm cache already holds; anything missing still comes from PyPI.
      env.put("PIP_FIND_LINKS", wheels.toString());
    }
    return env;
  }

  CliRunner.Result update(String... options) {
    return update(env(gh.baseUrl()), options);
  }

  CliRunner.Result update(Map<String, String> env, String... options) {
    List<String> args = new ArrayList<>(List.of("--format", "json"));
    args.addAll(List.of(options));
    return CliRunner.run(
        repos.user, env, Examples.updateArgs("1.221.0", args.toArray(String[]::new)));
  }

  /** The one PR-create request's JSON. */
  static JsonNode createdPr() throws Exception {
    List<LoggedRequest> posts = gh.findAll(postRequestedFor(urlEqualTo(REPO + "/pulls")));
    assertThat(posts).hasSize(1);
    return Json.mapper().readTree(posts.get(0).getBodyAsString());
  }

  @Test
  void withoutFixesThePrShowsTheNewFailureThatTheUpdateCausesAndIsADraft() throws Exception {
    String userHash = repos.userCheckoutHash();
    var r = update("--no-fix");

    assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
    JsonNode result = Json.mapper().readTree(r.out());
    JsonNode tests = result.path("test_result");
    assertThat(tests.path("status").asText()).as(r.err()).isEqualTo("failed");
    assertThat(tests.path("new_failures").toString()).contains("tests.test_performance");
    assertThat(tests.path("existing_failures").size()).isZero();
    // Collection of one module fails; the other modules still ran and passed.
    assertThat(tests.path("total_tests").asInt()).isGreaterThan(1);
    assertThat(tests.path("failed_tests").asInt()).isEqualTo(1);
    assertThat(r.err()).contains("base tests: 10 tests, 0 failed");

    assertThat(repos.remoteBranches()).containsExactlyInAnyOrder("main", BRANCH);
    assertThat(git(repos.remote, "log", "--format=%s", "main.." + BRANCH).lines())
        .containsExactly("chore(deps): update nautilus_trader to 1.221.0");
    assertThat(git(repos.remote, "diff", "--name-only", "main", BRANCH))
        .isEqualTo("pyproject.toml");
    assertThat(git(repos.remote, "diff", "main", BRANCH))
        .contains("-    \"nautilus_trader==1.220.0\",", "+    \"nautilus_trader==1.221.0\",");

    JsonNode pr = createdPr();
    assertThat(pr.path("title").asText()).isEqualTo("Update nautilus_trader to 1.221.0");
    assertThat(pr.path("head").asText()).isEqualTo(BRANCH);
    assertThat(pr.path("draft").asBoolean()).isTrue();
    String body = pr.path("body").asText();
    String newFailures = body.substring(body.indexOf("**New failures (caused by this update):**"));
    assertThat(newFailures)
        .contains("`tests.test_performance`: `ModuleNotFoundError: No module named '" + STATISTICS);
    assertThat(body).doesNotContain("Already failing on the base");
    assertThat(body).doesNotContain("## Automatic fixes");
    assertThat(repos.userCheckoutHash()).isEqualTo(userHash);
    assertThat(git(repos.user, "worktree", "list").lines()).hasSize(1);
  }

  /** The version of {@code package} that a uv.lock text locks. */
  static String locked(String lock, String pkg) {
    int at = lock.indexOf("[[package]]\nname = \"" + pkg + "\"\nversion = \"");
    assertThat(at).as("%s in uv.lock", pkg).isNotNegative();
    int start = lock.indexOf("version = \"", at) + "version = \"".length();
    return lock.substring(start, lock.indexOf('"', start));
  }

  @Test
  void withUvTheRealUvLockIsRefreshedAndCommittedWithThePinAndTheTestsRunInUv() throws Exception {
    Path uvBin = PythonEnvs.uvBinDir();
    Map<String, String> env = env(gh.baseUrl());
    env.put("PATH", uvBin + java.io.File.pathSeparator + env.getOrDefault("PATH", ""));
    Path tree = dir.resolve("uv-tree");
    GitRepos.copyTree(Examples.DIR.resolve("demo-strategy"), tree);
    PythonEnvs.check(PythonEnvs.run(tree, "", uvBin.resolve("uv").toString(), "lock", "-q"));
    String mainLock = Files.readString(tree.resolve("uv.lock"));
    assertThat(locked(mainLock, "nautilus-trader")).isEqualTo("1.220.0");
    repos = GitRepos.fromTree(dir.resolve("uv"), tree);

    var r = update(env);

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).contains("(uv)").contains("lock: uv.lock");
    JsonNode tests = Json.mapper().readTree(r.out()).path("test_result");
    assertThat(tests.path("status").asText()).isEqualTo("passed");
    assertThat(tests.path("total_tests").asInt()).isEqualTo(10);
    assertThat(git(repos.remote, "diff", "--name-only", "main", BRANCH + "~1").lines())
        .containsExactlyInAnyOrder("pyproject.toml", "uv.lock");
    String branchLock = git(repos.remote, "show", BRANCH + "~1:uv.lock");
    assertThat(locked(branchLock, "nautilus-trader")).isEqualTo("1.221.0");
    assertThat(branchLock).contains("specifier = \"==1.221.0\"");
    assertThat(git(repos.remote, "log", "-1", "--format=%s", BRANCH))
        .isEqualTo("fix: adapt to nautilus_trader 1.221.0");
  }

  @Test
  void withFixesTheImportsAreRewrittenAndTheDemoTestsPassOnTheRealWheels() throws Exception {
    String userHash = repos.userCheckoutHash();
    var r = update();

    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode tests = Json.mapper().readTree(r.out()).path("test_result");
    assertThat(tests.path("status").asText()).isEqualTo("passed");
    assertThat(tests.path("total_tests").asInt()).isEqualTo(10);
    assertThat(tests.path("failed_tests").asInt()).isZero();

    assertThat(git(repos.remote, "log", "--format=%s", "main.." + BRANCH).lines())
        .containsExactly(
            "fix: adapt to nautilus_trader 1.221.0",
            "chore(deps): update nautilus_trader to 1.221.0");
    assertThat(git(repos.remote, "diff", "--name-only", BRANCH + "~1", BRANCH).lines())
        .containsExactlyInAnyOrder("demo/analysis/performance.py", "notebooks/research.ipynb");
    String performance = git(repos.remote, "show", BRANCH + ":demo/analysis/performance.py");
    assertThat(performance).doesNotContain(STATISTICS).contains("from nautilus_trader.analysis");
    String notebook = git(repos.remote, "show", BRANCH + ":notebooks/research.ipynb");
    // The code cell is fixed; the Markdown cell that only names the old package is prose.
    assertThat(notebook).contains("from nautilus_trader.analysis import SharpeRatio");
    assertThat(Json.mapper().readTree(notebook).path("cells").size())
        .isEqualTo(
            Json.mapper()
                .readTree(Files.readString(repos.user.resolve("notebooks/research.ipynb")))
                .path("cells")
                .size());

    JsonNode pr = createdPr();
    assertThat(pr.path("draft").asBoolean()).isFalse();
    String body = pr.path("body").asText();
    assertThat(body)
        .contains("## Automatic fixes")
        .contains("3 site(s) fixed in 2 file(s), 0 left.")
        .contains("`demo/analysis/performance.py:5`")
        .contains("`demo/analysis/performance.py:6`")
        .contains("`notebooks/research.ipynb[cell 0]:3`")
        .contains("Removed '" + STATISTICS + "' subpackage")
        .contains("✅ no new failures — 10 tests, 0 failed");
    assertThat(repos.userCheckoutHash()).isEqualTo(userHash);
    assertThat(git(repos.user, "worktree", "list").lines()).hasSize(1);
  }
}

package nautilus.autoupdate.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static nautilus.autoupdate.GitRepos.git;
import static nautilus.autoupdate.github.GitHubStub.REPO;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import nautilus.autoupdate.CliRunner;
import nautilus.autoupdate.GitRepos;
import nautilus.autoupdate.Json;
import nautilus.autoupdate.config.AutoUpdateConfig;
import nautilus.autoupdate.config.Channel;
import nautilus.autoupdate.config.ConfigLoader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code init} on a real repository with a bare remote and GitHub on WireMock: one branch, one PR,
 * the pyproject.toml kept byte for byte with the table appended; a second run changes nothing.
 */
class InitCommandTest {
  @RegisterExtension
  static WireMockExtension gh =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  static final String BRANCH = "nautilus-autoupdate/init";
  // CRLF and no newline at the end: both must survive the append.
  static final String PYPROJECT =
      "[project]\r\nname = \"s\"   # keep this comment\r\n"
          + "dependencies = [\"nautilus_trader==1.220.0\"]";

  @TempDir Path dir;
  GitRepos repos;

  @BeforeEach
  void setUp() {
    repos = GitRepos.create(dir, PYPROJECT);
    gh.stubFor(get(urlPathEqualTo(REPO + "/pulls")).willReturn(okJson("[]")));
    gh.stubFor(
        post(urlEqualTo(REPO + "/pulls"))
            .willReturn(
                aResponse().withStatus(201).withBody(pr("Set up nautilus-autoupdate", ""))));
  }

  static String pr(String title, String body) {
    ObjectNode n = Json.mapper().createObjectNode();
    n.put("number", 9).put("node_id", "PR_9").put("state", "open").put("draft", false);
    n.put("html_url", "https://github.com/acme/strategies/pull/9");
    n.put("title", title).put("body", body);
    n.putArray("labels");
    n.putObject("head")
        .put("ref", BRANCH)
        .putObject("repo")
        .putObject("owner")
        .put("login", "acme");
    return n.toString();
  }

  Map<String, String> env() {
    return Map.of("GITHUB_TOKEN", "test-token", "NAUTILUS_AUTOUPDATE_GITHUB_API_URL", gh.baseUrl());
  }

  CliRunner.Result init(String... more) {
    String[] args = new String[more.length + 1];
    args[0] = "init";
    System.arraycopy(more, 0, args, 1, more.length);
    return CliRunner.run(repos.user, env(), args);
  }

  /** A file's exact bytes on a branch of the bare remote. */
  byte[] onRemote(String branch, String path) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder("git", "cat-file", "blob", branch + ":" + path)
            .directory(repos.remote.toFile())
            .start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor()).as(path + " on " + branch).isZero();
    return out;
  }

  String text(String branch, String path) throws Exception {
    return new String(onRemote(branch, path), StandardCharsets.UTF_8);
  }

  @Test
  void addsTheTableTheWorkflowAndTheSystemdExampleInOnePrAndARerunChangesNothing()
      throws Exception {
    String checkout = repos.userCheckoutHash();
    CliRunner.Result r = init();
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(r.out())
        .contains("append [tool.nautilus-autoupdate] to pyproject.toml")
        .contains("write .github/workflows/nautilus-autoupdate.yml")
        .contains("pushed " + BRANCH)
        .contains("opened https://github.com/acme/strategies/pull/9");
    assertThat(repos.remoteBranches()).containsExactlyInAnyOrder("main", BRANCH);
    assertThat(repos.userCheckoutHash()).as("the user's checkout is only read").isEqualTo(checkout);

    byte[] pyproject = onRemote(BRANCH, "pyproject.toml");
    byte[] original = PYPROJECT.getBytes(StandardCharsets.UTF_8);
    assertThat(Arrays.copyOf(pyproject, original.length)).isEqualTo(original);
    String appended =
        new String(
            pyproject, original.length, pyproject.length - original.length, StandardCharsets.UTF_8);
    assertThat(appended)
        .startsWith("\r\n\r\n[tool.nautilus-autoupdate]\r\n")
        .doesNotContain("\n\n");
    // The table reads back as configuration.
    Path copy = Files.createDirectories(dir.resolve("readback"));
    Files.write(copy.resolve("pyproject.toml"), pyproject);
    AutoUpdateConfig c = ConfigLoader.load(copy, Map.of(), Map.of()).config();
    assertThat(c.channel()).isEqualTo(Channel.STABLE);
    assertThat(c.holdLabel()).isEqualTo("hold");
    assertThat(c.autoMergeQuietHours()).isEqualTo(2);

    String workflow = text(BRANCH, ".github/workflows/nautilus-autoupdate.yml");
    assertThat(workflow)
        .contains("  schedule:\n    - cron: \"*/15 * * * *\"\n  workflow_dispatch: {}")
        .contains(
            "            .git/nautilus-autoupdate\n            ~/.cache/nautilus-autoupdate\n")
        .contains("actions/cache/restore@v4")
        .contains("actions/cache/save@v4")
        .contains("run: java -jar \"$RUNNER_TEMP/nautilus-autoupdate.jar\" run\n");
    String permissions =
        workflow.substring(workflow.indexOf("permissions:\n"), workflow.indexOf("\nconcurrency:"));
    assertThat(
            permissions
                .lines()
                .skip(1)
                .filter(l -> !l.isBlank())
                .map(l -> l.replaceAll("#.*", "").strip()))
        .containsExactly(
            "contents: write", "pull-requests: write", "checks: read", "statuses: read");
    assertThat(text(BRANCH, "docs/nautilus-autoupdate/systemd/nautilus-autoupdate.timer"))
        .contains("OnUnitActiveSec=15min");
    assertThat(text(BRANCH, "docs/nautilus-autoupdate/systemd/nautilus-autoupdate.service"))
        .contains("WorkingDirectory=/srv/user")
        .contains("ExecStart=");
    assertThat(git(repos.remote, "log", "--format=%s", "main.." + BRANCH))
        .isEqualTo("chore: set up nautilus-autoupdate");

    gh.verify(
        1,
        postRequestedFor(urlEqualTo(REPO + "/pulls"))
            .withRequestBody(
                matchingJsonPath(
                    "$.head", com.github.tomakehurst.wiremock.client.WireMock.equalTo(BRANCH)))
            .withRequestBody(
                matchingJsonPath(
                    "$.base", com.github.tomakehurst.wiremock.client.WireMock.equalTo("main"))));
    JsonNode posted =
        Json.mapper()
            .readTree(
                gh.findAll(postRequestedFor(urlEqualTo(REPO + "/pulls"))).get(0).getBodyAsString());
    assertThat(posted.path("body").asText()).contains("NAUTILUS_AUTOUPDATE_JAR_URL");
    // GitHub now lists the PR as it was opened.
    gh.stubFor(
        get(urlPathEqualTo(REPO + "/pulls"))
            .willReturn(
                okJson(
                    "[" + pr(posted.path("title").asText(), posted.path("body").asText()) + "]")));

    String head = git(repos.remote, "rev-parse", BRANCH);
    gh.resetRequests();
    CliRunner.Result again = init();
    assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
    assertThat(again.out())
        .contains("nothing new to commit")
        .contains("origin is up to date")
        .contains("unchanged https://github.com/acme/strategies/pull/9");
    assertThat(git(repos.remote, "rev-parse", BRANCH)).isEqualTo(head);
    gh.verify(0, postRequestedFor(anyUrl()));
    gh.verify(0, patchRequestedFor(anyUrl()));
    assertThat(repos.userCheckoutHash()).isEqualTo(checkout);

    // Once the PR is merged, the base has everything: nothing to do, no branch work at all.
    git(repos.user, "push", "-q", "origin", "origin/" + BRANCH + ":refs/heads/main");
    gh.resetRequests();
    CliRunner.Result merged = init();
    assertThat(merged.exitCode()).as(merged.err()).isZero();
    assertThat(merged.out()).contains("origin/main is set up already: nothing to do");
    assertThat(gh.getAllServeEvents()).isEmpty();
  }

  @Test
  void whatIsThereAlreadyIsNeitherOverwrittenNorDuplicated() throws Exception {
    String configured =
        "[project]\nname = \"s\"\n\n[tool.nautilus-autoupdate]\nchannel = \"nightly\"\n";
    repos.pushFile("pyproject.toml", configured);
    repos.pushFile(".github/workflows/nautilus-autoupdate.yml", "name: mine\n");
    CliRunner.Result r = init("--no-push");
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).doesNotContain("pyproject.toml").doesNotContain(".github/workflows");
    assertThat(r.out()).contains("nautilus-autoupdate.service").contains("committed ");
    assertThat(git(repos.user, "show", BRANCH + ":pyproject.toml")).isEqualTo(configured.strip());
    assertThat(git(repos.user, "show", BRANCH + ":.github/workflows/nautilus-autoupdate.yml"))
        .isEqualTo("name: mine");
    assertThat(repos.remoteBranches()).as("--no-push").containsExactly("main");
    assertThat(gh.getAllServeEvents()).isEmpty();
  }

  @Test
  void withoutAPyprojectTheTableGoesIntoItsOwnFileAndAProjectInASubfolderRunsThere()
      throws Exception {
    repos.pushFile("strategies/requirements.txt", "nautilus_trader==1.220.0\n");
    CliRunner.Result r = init("--repo", "strategies", "--no-push");
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(git(repos.user, "show", BRANCH + ":strategies/nautilus-autoupdate.toml"))
        .startsWith("[tool.nautilus-autoupdate]");
    assertThat(git(repos.user, "show", BRANCH + ":.github/workflows/nautilus-autoupdate.yml"))
        .contains("        working-directory: strategies\n");
  }

  @Test
  void aDryRunSaysWhatItWouldAddAndChangesNothing() {
    CliRunner.Result r = init("--dry-run");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("would append [tool.nautilus-autoupdate] to pyproject.toml")
        .contains("would write .github/workflows/nautilus-autoupdate.yml")
        .contains("nothing was changed");
    assertThat(git(repos.user, "branch", "--list", BRANCH)).isEmpty();
    assertThat(repos.remoteBranches()).containsExactly("main");
    assertThat(gh.getAllServeEvents()).isEmpty();
  }

  @Test
  void outsideAGitRepositoryItIsAOneLineError() throws Exception {
    Path plain = Files.createDirectories(dir.resolve("plain"));
    CliRunner.Result r = CliRunner.run(plain, env(), "init");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(r.err().strip())
        .startsWith("error: ")
        .contains("not in a git repository")
        .doesNotContain("\n");
  }

  @Test
  void helpNamesEveryOption() {
    CliRunner.Result r = CliRunner.run(dir, "init", "--help");
    assertThat(r.out()).contains("--repo=DIR").contains("--no-push").contains("--dry-run");
  }
}

package nautilus.autoupdate.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nautilus.autoupdate.CliRunner;
import nautilus.autoupdate.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check} on versions no package index holds: both models built from tag tarballs behind a
 * 302, the sources named in the report; offline with the models cached (the diff cache removed),
 * the same verdicts; with no source at all, the summary line says the report rests on notes alone.
 */
class CheckUpstreamModelsTest {
  @TempDir Path tmp;
  WireMockServer api;
  WireMockServer codeload;
  DemoRepo demo;
  Path repo;

  @BeforeEach
  void setUp() throws Exception {
    api = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    codeload = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    api.start();
    codeload.start();
    // No index has demo_pkg: PyPI and the nautech index answer 404.
    api.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(404)));
    demo =
        DemoRepo.create(tmp.resolve("repo"), "demo_pkg", "1.0", DemoRepo.upstreamAt(api.baseUrl()));
    repo = demo.root;
    demo.source("strategy.py", CheckApiDiffTest.CODE);
    demo.demoReleases("- Improved the engine's speed");
  }

  @AfterEach
  void stop() {
    api.stop();
    codeload.stop();
  }

  private void serveTag(String version) throws Exception {
    serve("v" + version, "refs/tags/v" + version, "c0ffee" + version, version);
  }

  /** The tarball endpoint at {@code ref}, serving the demo package's {@code version} tree. */
  private void serve(String ref, String codeRef, String folder, String version) throws Exception {
    Path t = Dists.sdist(tmp.resolve("built"), "acme-demo", folder, Fixtures.demo(version));
    UpstreamModelsTest.serveTarball(
        api, codeload, "acme/demo", ref, codeRef, Files.readAllBytes(t));
  }

  /** A uv.lock that locks demo_pkg 1.0 from its git repository at {@code sha}. */
  private void lockAtCommit(String sha) throws Exception {
    Files.writeString(
        repo.resolve("uv.lock"),
        "version = 1\n[[package]]\nname = \"demo-pkg\"\nversion = \"1.0\"\n"
            + "source = { git = \"https://github.com/acme/demo?rev=main#"
            + sha
            + "\" }\n");
  }

  private CliRunner.Result check(String... extra) {
    return demo.check(extra);
  }

  private static List<String> sites(JsonNode json) {
    List<String> out = new ArrayList<>();
    for (JsonNode f : json.path("affected_files")) {
      for (JsonNode s : f.path("sites")) {
        out.add(
            f.path("path").asText()
                + ":"
                + s.path("line").asInt()
                + " "
                + s.path("match").asText());
      }
    }
    return out;
  }

  @Test
  void modelsFromTagTarballsAreNamedAndOfflineGivesTheSameVerdicts() throws Exception {
    serveTag("1.0");
    serveTag("2.0");
    CliRunner.Result online = check("--format", "json");
    assertThat(online.exitCode()).as(online.err()).isEqualTo(2);
    JsonNode json = Json.mapper().readTree(online.out());
    assertThat(json.path("api_diff").path("used").asBoolean()).isTrue();
    assertThat(json.path("api_diff").path("sources").path("1.0").asText())
        .isEqualTo("github tarball v1.0");
    assertThat(json.path("api_diff").path("sources").path("2.0").asText())
        .isEqualTo("github tarball v2.0");
    List<String> verdicts = sites(json);
    // The diff alone finds the removed gone_function and the renamed method.
    assertThat(verdicts).isNotEmpty();

    CliRunner.Result text = check("--no-color");
    assertThat(text.out())
        .contains("models: 1.0 from github tarball v1.0, 2.0 from github tarball v2.0")
        .doesNotContain("notes only");

    // Offline, no server, the diff cache gone: the cached models alone give the same verdicts.
    api.stop();
    codeload.stop();
    try (var s = Files.walk(repo.resolve(".nautilus-autoupdate/api/diffs"))) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
    CliRunner.Result offline = check("--offline", "--format", "json");
    assertThat(offline.exitCode()).as(offline.err()).isEqualTo(2);
    JsonNode again = Json.mapper().readTree(offline.out());
    assertThat(again.path("api_diff").path("used").asBoolean()).isTrue();
    assertThat(sites(again)).isEqualTo(verdicts);
  }

  @Test
  void withNoSourceTheSummaryLineSaysNotesOnly() {
    CliRunner.Result r = check("--no-color");
    assertThat(r.out().lines().findFirst().orElse("")).endsWith("[notes only: no API diff]");
    assertThat(r.out() + r.err()).contains("no tag v1.0 or 1.0 in acme/demo");
  }

  @Test
  void aVersionLockedAtAGitCommitIsModelledFromThatCommitNotFromItsTag() throws Exception {
    String sha = "c0de1234c0de1234c0de1234c0de1234c0de1234";
    lockAtCommit(sha);
    serveTag("1.0");
    serveTag("2.0");
    // The pinned commit already has 2.0's API: against the tag the diff finds breaks, here none.
    serve(sha, sha, sha.substring(0, 7), "2.0");
    CliRunner.Result r = check("--format", "json");
    JsonNode json = Json.mapper().readTree(r.out());
    assertThat(json.path("api_diff").path("used").asBoolean()).as(r.out() + r.err()).isTrue();
    assertThat(json.path("api_diff").path("sources").path("1.0").asText())
        .isEqualTo("github tarball c0de123 (git pin)");
    assertThat(json.path("api_diff").path("sources").path("2.0").asText())
        .isEqualTo("github tarball v2.0");
    assertThat(sites(json)).isEmpty();
    api.verify(0, getRequestedFor(urlPathEqualTo("/repos/acme/demo/tarball/v1.0")));
    assertThat(repo.resolve(".nautilus-autoupdate/api/diffs/demo_pkg-1.0@" + sha + "-2.0.json"))
        .isRegularFile();
  }

  @Test
  void aRateLimitedCommitFallsBackToNotesOnlyAndSaysWhy() throws Exception {
    String sha = "c0de1234c0de1234c0de1234c0de1234c0de1234";
    lockAtCommit(sha);
    serveTag("1.0");
    serveTag("2.0");
    api.stubFor(
        get(urlPathEqualTo("/repos/acme/demo/tarball/" + sha))
            .willReturn(aResponse().withStatus(403).withHeader("X-RateLimit-Remaining", "0")));
    CliRunner.Result r = check("--no-color");
    // No diff: the pinned commit has no model; the notes are judged on the target's model alone.
    assertThat(r.out().lines().findFirst().orElse(""))
        .endsWith("[no API diff: notes checked on the 2.0 model only]");
    assertThat(r.out() + r.err())
        .contains("tarball/" + sha + " answered HTTP 403 (rate limited; set GITHUB_TOKEN)");
    // Fail closed: the release tag's code is not the pinned commit's, so it is not used instead.
    api.verify(0, getRequestedFor(urlPathEqualTo("/repos/acme/demo/tarball/v1.0")));
  }
}

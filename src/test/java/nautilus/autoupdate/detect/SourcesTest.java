package nautilus.autoupdate.detect;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import nautilus.autoupdate.UserError;
import nautilus.autoupdate.config.Channel;
import nautilus.autoupdate.state.StateDb;
import nautilus.autoupdate.version.Version;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourcesTest {
  @TempDir Path dir;
  WireMockServer server;
  StateDb state;
  ConditionalHttp http;

  static String fixture(String name) {
    try (InputStream in = SourcesTest.class.getResourceAsStream("/detect/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @BeforeEach
  void start() {
    server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
    state = StateDb.open(dir, Clock.systemUTC());
    http =
        new ConditionalHttp(
            new JdkHttpTransport(Duration.ofSeconds(5)),
            state,
            Clock.systemUTC(),
            new ConditionalHttp.Policy(
                2, Duration.ofMillis(10), Duration.ofSeconds(2), Duration.ofSeconds(5)),
            server.baseUrl() + "/api",
            null);
  }

  @AfterEach
  void stop() {
    server.stop();
    state.close();
  }

  static Map<String, DetectedVersion> byVersion(List<DetectedVersion> list) {
    return list.stream()
        .collect(Collectors.toMap(d -> d.version().toString(), Function.identity()));
  }

  @Test
  void pypiListsInstallableReleasesWithTheirEarliestUpload() {
    server.stubFor(
        get("/pypi/nautilus_trader/json")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(fixture("pypi-project.json"))));
    var found =
        byVersion(new PypiJsonSource(http, server.baseUrl() + "/pypi/", "nautilus_trader").poll());
    assertThat(found).containsOnlyKeys("1.220.0", "1.221.0", "2.0.0rc1");
    assertThat(found.get("1.220.0").publishedAt())
        .isEqualTo(Instant.parse("2025-09-01T07:58:40.000001Z"));
    assertThat(found.get("2.0.0rc1").channel()).isEqualTo(Channel.PRE);
    assertThat(found.get("1.221.0").channel()).isEqualTo(Channel.STABLE);
    assertThat(found.get("1.221.0").url())
        .isEqualTo("https://pypi.org/project/nautilus-trader/1.221.0/");
  }

  @Test
  void pypiWithoutReleasesIsAClearError() {
    server.stubFor(
        get("/pypi/nautilus_trader/json").willReturn(aResponse().withBody("{\"info\":{}}")));
    assertThatThrownBy(
            () -> new PypiJsonSource(http, server.baseUrl() + "/pypi", "nautilus_trader").poll())
        .isInstanceOf(UserError.class)
        .hasMessageContaining("/pypi/nautilus_trader/json")
        .hasMessageContaining("'releases'");
    server.stubFor(get("/pypi/nope/json").willReturn(aResponse().withStatus(404)));
    assertThatThrownBy(() -> new PypiJsonSource(http, server.baseUrl() + "/pypi", "nope").poll())
        .hasMessageContaining("404");
  }

  @Test
  void nautechIndexReadsPep691JsonWithUploadTimes() {
    server.stubFor(
        get("/simple/nautilus-trader/")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/vnd.pypi.simple.v1+json")
                    .withBody(fixture("nautech-simple.json"))));
    var found =
        byVersion(
            new NautechIndexSource(http, server.baseUrl() + "/simple", "nautilus_trader").poll());
    assertThat(found)
        .containsOnlyKeys("1.222.0a20251228", "1.222.0a20251229", "1.222.0.dev20251229+7412");
    assertThat(found.get("1.222.0a20251229").publishedAt())
        .isEqualTo(Instant.parse("2025-12-29T06:05:00Z"));
    assertThat(found.get("1.222.0a20251229").channel()).isEqualTo(Channel.NIGHTLY);
    assertThat(found.get("1.222.0.dev20251229+7412").channel()).isEqualTo(Channel.DEVELOP);
    server.verify(
        getRequestedFor(urlEqualTo("/simple/nautilus-trader/"))
            .withHeader("Accept", equalTo(NautechIndexSource.ACCEPT)));
  }

  @Test
  void nautechIndexFallsBackToPep503Html() {
    server.stubFor(
        get("/simple/nautilus-trader/")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/html")
                    .withBody(fixture("nautech-simple.html"))));
    var found =
        byVersion(
            new NautechIndexSource(http, server.baseUrl() + "/simple/", "nautilus_trader").poll());
    assertThat(found)
        .containsOnlyKeys("1.208.0.dev20241212+7001", "1.208.0a20241211", "1.208.0a20241212");
    assertThat(found.get("1.208.0a20241212").publishedAt()).isNull();
  }

  @Test
  void nautechIndexRejectsAPageThatIsNeitherJsonNorHtml() {
    server.stubFor(
        get("/simple/nautilus-trader/").willReturn(aResponse().withBody("Service moved")));
    assertThatThrownBy(
            () ->
                new NautechIndexSource(http, server.baseUrl() + "/simple", "nautilus_trader")
                    .poll())
        .hasMessageContaining("neither PEP 691 JSON nor PEP 503 HTML");
  }

  @Test
  void wheelAndSdistNamesGiveVersions() {
    assertThat(
            NautechIndexSource.versionOf(
                "nautilus_trader-1.222.0a20251229-cp312-cp312-manylinux_2_35_x86_64.whl",
                "nautilus_trader"))
        .contains(Version.parse("1.222.0a20251229"));
    assertThat(
            NautechIndexSource.versionOf(
                "nautilus_trader-1.208.0.dev20241212%2B7001-cp312-cp312-linux_x86_64.whl",
                "nautilus-trader"))
        .contains(Version.parse("1.208.0.dev20241212+7001"));
    assertThat(NautechIndexSource.versionOf("nautilus_trader-1.221.0.tar.gz", "nautilus_trader"))
        .contains(Version.parse("1.221.0"));
    assertThat(NautechIndexSource.versionOf("other-1.0-py3-none-any.whl", "nautilus_trader"))
        .isEmpty();
    assertThat(NautechIndexSource.versionOf("nautilus_trader-1.0.exe", "nautilus_trader"))
        .isEmpty();
    assertThat(NautechIndexSource.versionOf("nautilus_trader-x-y.whl", "nautilus_trader"))
        .isEmpty();
  }

  @Test
  void aVanishedPinNamesTheNearestBuildStillListed() {
    List<DetectedVersion> listed =
        List.of(
            new DetectedVersion(
                Version.parse("1.222.0a20251228"), null, "nautech", "u", null, null),
            new DetectedVersion(
                Version.parse("1.222.0a20251229"), null, "nautech", "u", null, null));
    assertThat(NautechIndexSource.vanishedPin(Version.parse("1.222.0a20251220"), listed, "IDX"))
        .contains(
            "pinned 1.222.0a20251220 is no longer on IDX; the nearest available is 1.222.0a20251228");
    assertThat(NautechIndexSource.vanishedPin(Version.parse("1.222.0a20251231"), listed, "IDX"))
        .get()
        .asString()
        .endsWith("1.222.0a20251229");
    assertThat(NautechIndexSource.vanishedPin(Version.parse("1.222.0a20251229"), listed, "IDX"))
        .isEmpty();
    assertThat(NautechIndexSource.vanishedPin(Version.parse("1.221.0"), listed, "IDX")).isEmpty();
    assertThat(
            NautechIndexSource.vanishedPin(
                Version.parse("1.208.0.dev20241212+7001"), listed, "IDX"))
        .get()
        .asString()
        .contains("no develop build is left");
  }

  @Test
  void githubListsReleasesWithNotesAndBareTags() {
    stubGithub();
    GithubReleasesSource gh =
        new GithubReleasesSource(http, server.baseUrl() + "/api", "nautechsystems/nautilus_trader");
    var found = byVersion(gh.poll());
    assertThat(found).containsOnlyKeys("1.221.0", "1.220.0", "1.219.0");
    assertThat(found.get("1.221.0").notes()).contains("record_flags");
    assertThat(found.get("1.221.0").publishedAt()).isEqualTo(Instant.parse("2025-10-26T10:02:00Z"));
    assertThat(found.get("1.219.0").publishedAt()).isNull();
    assertThat(found.get("1.219.0").ref()).isEqualTo("v1.219.0");
    assertThat(gh.latestStableTag()).contains("v1.221.0");
  }

  @Test
  void githubTagsNotShapedLikeANautilusVersionAreSkipped() {
    String repo = "/api/repos/o/r";
    server.stubFor(
        get(repo + "/releases?per_page=30")
            .willReturn(
                aResponse()
                    .withBody(
                        "[{\"tag_name\": \"5\"}, {\"tag_name\": \"nightly\"},"
                            + " {\"tag_name\": \"release-2024\"}, {\"tag_name\": \"v1\"},"
                            + " {\"tag_name\": \"1.2\"}, {\"tag_name\": \"1.2.3.4\"},"
                            + " {\"tag_name\": \"v1.223.0rc1\"}, {\"tag_name\": \"1.222.0\"},"
                            + " {\"tag_name\": \"1.222.0a20251229\"}]")));
    server.stubFor(
        get(repo + "/tags?per_page=30")
            .willReturn(aResponse().withBody("[{\"name\": \"7\"}, {\"name\": \"v1.221.0\"}]")));
    GithubReleasesSource gh = new GithubReleasesSource(http, server.baseUrl() + "/api", "o/r");
    assertThat(byVersion(gh.poll()))
        .containsOnlyKeys("1.223.0rc1", "1.222.0", "1.222.0a20251229", "1.221.0");
    assertThat(gh.latestStableTag()).contains("1.222.0");
  }

  @Test
  void githubCompareFindsBreakingCommits() {
    stubGithub();
    GithubReleasesSource gh =
        new GithubReleasesSource(http, server.baseUrl() + "/api", "nautechsystems/nautilus_trader");
    var cmp = gh.compare("v1.221.0", "nightly");
    assertThat(cmp.total()).isEqualTo(3);
    assertThat(cmp.commits())
        .filteredOn(GithubReleasesSource.Commit::isBreaking)
        .extracting(c -> c.sha().substring(0, 4))
        .containsExactly("aaf5", "cccc");
    assertThat(cmp.commits().get(2).breakingLines())
        .containsExactly("BREAKING: renamed `BybitDataClientConfig.testnet` to `is_testnet`");
  }

  @Test
  void releaseNotesComeFromTheTagAndNightliesGetTheUnreleasedSection() throws IOException {
    String releases =
        Files.readString(
            nautilus.autoupdate.CliRunner.shared().resolve("data/nautilus/RELEASES.md"));
    server.stubFor(
        get(urlPathEqualTo("/api/repos/o/r/contents/RELEASES.md"))
            .withQueryParam("ref", equalTo("nightly"))
            .willReturn(aResponse().withBody(releases)));
    server.stubFor(
        get(urlPathEqualTo("/api/repos/o/r/contents/RELEASES.md"))
            .withQueryParam("ref", equalTo("v1.221.0"))
            .willReturn(aResponse().withBody("# NautilusTrader 1.221.0 Beta\n")));
    server.stubFor(
        get("/api/repos/o/r/releases?per_page=30")
            .willReturn(aResponse().withBody(fixture("github-releases.json"))));
    server.stubFor(get("/api/repos/o/r/tags?per_page=30").willReturn(aResponse().withBody("[]")));
    server.stubFor(
        get("/api/repos/o/r/compare/v1.221.0...nightly")
            .willReturn(aResponse().withBody(fixture("github-compare.json"))));
    GithubReleasesSource gh = new GithubReleasesSource(http, server.baseUrl() + "/api", "o/r");
    ReleaseNotesFetcher fetcher = new ReleaseNotesFetcher(gh, dir.resolve("notes"), null);
    Path nightly =
        fetcher
            .notesFor(
                new DetectedVersion(
                    Version.parse("1.231.0a20260701"), null, "nautech", "u", "nightly", null))
            .orElseThrow();
    String text = Files.readString(nightly);
    assertThat(text).startsWith("# NautilusTrader 1.231.0 Beta").contains("Released on TBD");
    assertThat(text).doesNotContain("Released on 29th June 2026");
    assertThat(text)
        .contains("- renamed `BybitDataClientConfig.testnet` to `is_testnet` (cccc294)");
    int breaking = text.indexOf("### Breaking Changes");
    assertThat(breaking).isPositive();
    assertThat(text.indexOf("is_testnet")).isGreaterThan(breaking);
    Path stable =
        fetcher
            .notesFor(
                new DetectedVersion(Version.parse("1.221.0"), null, "pypi", "u", "v1.221.0", null))
            .orElseThrow();
    assertThat(Files.readString(stable)).isEqualTo("# NautilusTrader 1.221.0 Beta\n");
    server.stubFor(
        get(urlPathEqualTo("/api/repos/o/r/contents/RELEASES.md"))
            .withQueryParam("ref", equalTo("v9.0.0"))
            .willReturn(aResponse().withStatus(404)));
    assertThat(
            fetcher.notesFor(
                new DetectedVersion(Version.parse("9.0.0"), null, "pypi", "u", "v9.0.0", null)))
        .isEmpty();

    Path local = Files.writeString(dir.resolve("LOCAL.md"), "# local\n");
    assertThat(
            new ReleaseNotesFetcher(gh, dir, local)
                .notesFor(
                    new DetectedVersion(Version.parse("1.221.0"), null, "pypi", "u", null, null)))
        .contains(local);
    assertThatThrownBy(
            () ->
                new ReleaseNotesFetcher(gh, dir, dir.resolve("missing.md"))
                    .notesFor(
                        new DetectedVersion(
                            Version.parse("1.221.0"), null, "pypi", "u", null, null)))
        .hasMessageContaining("missing.md");
  }

  @Test
  void commitLinesJoinTheBreakingSectionOrStartOne() {
    String withSection =
        "# V\n\nReleased on TBD (UTC).\n\n### Breaking Changes\n- Old item\n\n### Fixes\n- fix\n";
    String merged =
        ReleaseNotesFetcher.withCommitLines(
            withSection, List.of("Removed `a` (abc1234)", "Old item (def5678)"));
    assertThat(merged)
        .contains("- Old item\n- Removed `a` (abc1234)\n\n### Fixes")
        .doesNotContain("def5678");
    String without = "# V\n\nReleased on TBD (UTC).\n\n### Fixes\n- fix\n";
    assertThat(ReleaseNotesFetcher.withCommitLines(without, List.of("Removed `a` (abc1234)")))
        .endsWith("### Breaking Changes\n\n- Removed `a` (abc1234)\n");
    assertThat(ReleaseNotesFetcher.withCommitLines(without, List.of())).isEqualTo(without);
  }

  void stubGithub() {
    String repo = "/api/repos/nautechsystems/nautilus_trader";
    server.stubFor(
        get(repo + "/releases?per_page=30")
            .willReturn(
                aResponse()
                    .withHeader("ETag", "W/\"rel1\"")
                    .withBody(fixture("github-releases.json"))));
    server.stubFor(
        get(repo + "/tags?per_page=30")
            .willReturn(
                aResponse()
                    .withHeader("ETag", "W/\"tags1\"")
                    .withBody(fixture("github-tags.json"))));
    server.stubFor(
        get(repo + "/compare/v1.221.0...nightly")
            .willReturn(aResponse().withBody(fixture("github-compare.json"))));
  }
}

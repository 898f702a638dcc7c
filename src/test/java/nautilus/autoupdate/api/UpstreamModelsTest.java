package nautilus.autoupdate.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nautilus.autoupdate.CommandRunner;
import nautilus.autoupdate.UserError;
import nautilus.autoupdate.version.Version;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Models of versions PyPI does not hold: a nightly from NautilusTrader's simple index, a release
 * from the upstream source tarball (GitHub's API answering 302 to a codeload host, as it does), the
 * package at {@code nautilus_trader/} or {@code python/nautilus_trader/}; each model cached by
 * version and naming its source.
 */
class UpstreamModelsTest {
  static final String REPO = "nautechsystems/nautilus_trader";

  @TempDir Path tmp;
  WireMockServer pypi;
  WireMockServer api;
  WireMockServer codeload;
  List<String> log = new ArrayList<>();

  @BeforeEach
  void servers() {
    pypi = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    api = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    codeload = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    pypi.start();
    api.start();
    codeload.start();
    // PyPI dropped the old releases: only 1.230.0 is left.
    pypi.stubFor(
        get(urlPathEqualTo("/simple/nautilus-trader/"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/html")
                    .withBody(
                        "<a href=\"/f/nautilus_trader-1.230.0-py3-none-any.whl\">"
                            + "nautilus_trader-1.230.0-py3-none-any.whl</a>")));
    api.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(404)));
  }

  @AfterEach
  void stop() {
    pypi.stop();
    api.stop();
    codeload.stop();
  }

  /** A small upstream tree: a .py module, a Cython module and a .pyi stub, plus tests. */
  static Map<String, String> tree(String prefix, String extraParam) {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("README.md", "# NautilusTrader\n");
    files.put(prefix + "nautilus_trader/__init__.py", "__version__ = '1'\n");
    files.put(
        prefix + "nautilus_trader/config/__init__.py",
        "class InstrumentProviderConfig:\n    load_all: bool = False\n" + extraParam);
    files.put(
        prefix + "nautilus_trader/model/objects.pyx",
        "cdef class Price:\n    def __init__(self, double value, int precision):\n"
            + "        pass\n\n    cpdef double as_double(self):\n        return 0.0\n");
    files.put(
        prefix + "nautilus_trader/core/nautilus_pyo3.pyi",
        "class UUID4:\n    def __init__(self) -> None: ...\n    def value(self) -> str: ...\n");
    files.put(
        "tests/unit_tests/test_price.py", "from nautilus_trader.model.objects import Price\n");
    return files;
  }

  private byte[] tarball(Map<String, String> files) throws Exception {
    Path t = Dists.sdist(tmp.resolve("built"), "nautechsystems-nautilus_trader", "0ccb5b5", files);
    byte[] bytes = Files.readAllBytes(t);
    Files.delete(t);
    return bytes;
  }

  /**
   * GitHub's tarball endpoint at {@code ref} answers 302 to codeload, which serves the tarball at
   * {@code codeRef} ({@code refs/tags/v1.0} for a tag, the sha for a commit).
   */
  static void serveTarball(
      WireMockServer api,
      WireMockServer codeload,
      String repo,
      String ref,
      String codeRef,
      byte[] tarball) {
    String codePath = "/" + repo + "/legacy.tar.gz/" + codeRef;
    api.stubFor(
        get(urlPathEqualTo("/repos/" + repo + "/tarball/" + ref))
            .willReturn(
                aResponse()
                    .withStatus(302)
                    .withHeader("Location", "http://127.0.0.1:" + codeload.port() + codePath)));
    codeload.stubFor(
        get(urlPathEqualTo(codePath))
            .willReturn(
                aResponse().withHeader("Content-Type", "application/x-gzip").withBody(tarball)));
  }

  private void serveTag(String tag, byte[] tarball) {
    serveTarball(api, codeload, REPO, tag, "refs/tags/" + tag, tarball);
  }

  private void serveCommit(String sha, byte[] tarball) {
    serveTarball(api, codeload, REPO, sha, sha, tarball);
  }

  /** GitHub's list-commits endpoint: the newest commit of {@code branch} up to {@code until}. */
  private void serveBranchCommit(String branch, String until, String sha) {
    api.stubFor(
        get(urlPathEqualTo("/repos/" + REPO + "/commits"))
            .withQueryParam("sha", equalTo(branch))
            .withQueryParam("until", equalTo(until))
            .withQueryParam("per_page", equalTo("1"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "[{\"sha\": \""
                            + sha
                            + "\", \"commit\": {\"committer\": {\"date\": \""
                            + until.substring(0, 10)
                            + "T21:04:11Z\"}}}]")));
  }

  private ApiSnapshots snapshots(String nightlyIndex, String token) {
    Path state = tmp.resolve("state");
    PythonFinder pythons = new PythonFinder(Map.of());
    return new ApiSnapshots(
            Http.jdk(Duration.ofSeconds(10)),
            state,
            new ModelCache(tmp.resolve("models"), log::add),
            pypi.baseUrl() + "/simple",
            new Introspector(
                CommandRunner.isolated(Map.of()), pythons, state.resolve("api/venvs"), Map.of()),
            pythons,
            log::add)
        .withUpstream(new ApiSnapshots.Upstream(nightlyIndex, api.baseUrl(), REPO, token));
  }

  private static ApiSnapshots.Options opts() {
    return atCommit(null);
  }

  private static ApiSnapshots.Options atCommit(String sha) {
    return new ApiSnapshots.Options(null, null, ApiSnapshots.Introspect.SKIP, sha);
  }

  @Test
  void aReleaseMissingFromPypiIsReadFromItsTagsTarballAndTheTokenStaysOnTheApiHost()
      throws Exception {
    serveTag("v1.200.0", tarball(tree("", "")));
    ApiSnapshots s = snapshots(null, "tok-123");
    ApiSnapshots.Result r = s.snapshot("nautilus_trader", Version.parse("1.200.0"), opts());

    ApiModel m = ApiModel.of(r.snapshot());
    assertThat(m.importName("nautilus_trader.config", "InstrumentProviderConfig"))
        .isInstanceOf(ApiModel.Found.class);
    assertThat(m.importName("nautilus_trader.model.objects", "Price"))
        .isInstanceOf(ApiModel.Found.class);
    assertThat(m.importName("nautilus_trader.core.nautilus_pyo3", "UUID4"))
        .isInstanceOf(ApiModel.Found.class);
    assertThat(m.importName("nautilus_trader.config", "NoSuchThing"))
        .isNotInstanceOf(ApiModel.Found.class);
    // The repository's tests are no part of the package.
    assertThat(r.snapshot().modules().keySet()).allMatch(k -> k.startsWith("nautilus_trader"));
    assertThat(ApiSnapshots.origin(r.snapshot().sources())).isEqualTo("github tarball v1.200.0");

    api.verify(
        getRequestedFor(urlPathEqualTo("/repos/" + REPO + "/tarball/v1.200.0"))
            .withHeader("Authorization", equalTo("Bearer tok-123")));
    codeload.verify(1, getRequestedFor(anyUrl()).withHeader("Authorization", absent()));
    // Only the model is kept: the tarball is gone, the model cached by version.
    assertThat(Files.exists(tmp.resolve("state/api/dists/github/nautilus_trader-v1.200.0.tar.gz")))
        .isFalse();
    assertThat(tmp.resolve("models/nautilus_trader-1.200.0.json")).isRegularFile();

    // Asked again (another repository), the cache answers and nothing is fetched.
    api.resetRequests();
    ApiSnapshots.Result again =
        snapshots(null, null).snapshot("nautilus_trader", Version.parse("1.200.0"), opts());
    assertThat(again.cached()).isTrue();
    assertThat(api.getAllServeEvents()).isEmpty();
  }

  @Test
  void aTagWithoutVAndAPackageUnderPythonAreFoundToo() throws Exception {
    serveTag("1.229.0", tarball(tree("python/", "    use_gamma: bool = False\n")));
    ApiSnapshot snap =
        snapshots(null, null)
            .snapshot("nautilus_trader", Version.parse("1.229.0"), opts())
            .snapshot();
    assertThat(snap.modules())
        .containsKeys(
            "nautilus_trader.config",
            "nautilus_trader.model.objects",
            "nautilus_trader.core.nautilus_pyo3");
    assertThat(ApiSnapshots.origin(snap.sources())).isEqualTo("github tarball 1.229.0");
    api.verify(getRequestedFor(urlPathEqualTo("/repos/" + REPO + "/tarball/v1.229.0")));
  }

  @Test
  void aNightlyComesFromTheNautechIndexBeforePypiIsAsked() throws Exception {
    try (RangeServer nautech = new RangeServer()) {
      String v = "1.222.0a20251229";
      Path whl =
          Dists.wheel(
              tmp.resolve("built"),
              "nautilus_trader",
              v,
              Map.of(
                  "nautilus_trader/__init__.py",
                  "",
                  "nautilus_trader/config/__init__.py",
                  "class NightlyOnly:\n    pass\n"));
      nautech.put(
          "/files/" + whl.getFileName(), "application/octet-stream", Files.readAllBytes(whl));
      nautech.put(
          "/simple/nautilus-trader/",
          "text/html",
          ("<html><body><a href=\"../../files/"
                  + whl.getFileName()
                  + "#sha256=00\">"
                  + whl.getFileName()
                  + "</a></body></html>")
              .getBytes(StandardCharsets.UTF_8));
      ApiSnapshot snap =
          snapshots(nautech.url("/simple"), null)
              .snapshot("nautilus_trader", Version.parse(v), opts())
              .snapshot();
      assertThat(ApiModel.of(snap).importName("nautilus_trader.config", "NightlyOnly"))
          .isInstanceOf(ApiModel.Found.class);
      assertThat(ApiSnapshots.origin(snap.sources())).isEqualTo("nautech index");
      assertThat(pypi.getAllServeEvents()).isEmpty();
      // A nightly has no tag: GitHub is not asked.
      assertThat(api.getAllServeEvents()).isEmpty();
    }
  }

  @Test
  void whenNoSourceServesTheErrorSaysWhatEachAnswered() {
    ApiSnapshots s = snapshots(pypi.baseUrl() + "/nautech", null);
    assertThatThrownBy(() -> s.snapshot("nautilus_trader", Version.parse("1.100.0"), opts()))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("no wheel or sdist of nautilus_trader 1.100.0 on " + pypi.baseUrl())
        .hasMessageContaining("not found on index " + pypi.baseUrl() + "/nautech")
        .hasMessageContaining("no tag v1.100.0 or 1.100.0 in " + REPO);
    api.verify(getRequestedFor(urlPathEqualTo("/repos/" + REPO + "/tarball/1.100.0")));
  }

  @Test
  void aServerErrorOnTheTarballIsNamed() {
    api.stubFor(
        get(urlPathEqualTo("/repos/" + REPO + "/tarball/v1.201.0"))
            .willReturn(aResponse().withStatus(502)));
    assertThatThrownBy(
            () ->
                snapshots(null, null).snapshot("nautilus_trader", Version.parse("1.201.0"), opts()))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("tarball/v1.201.0 answered HTTP 502");
  }

  @Test
  void aNightlyNoIndexHoldsIsReadAtTheNightlyBranchsCommitOfItsDate() throws Exception {
    String sha = "5d1e0b7a9c3f2e4d6b8a0c1e3f5a7b9d2c4e6f80";
    serveBranchCommit("nightly", "2025-12-29T23:59:59Z", sha);
    serveCommit(sha, tarball(tree("", "    nightly_field: int = 0\n")));
    ApiSnapshots.Result r =
        snapshots(pypi.baseUrl() + "/nautech", "tok-9")
            .snapshot("nautilus_trader", Version.parse("1.222.0a20251229"), opts());

    assertThat(
            ApiModel.of(r.snapshot())
                .importName("nautilus_trader.config", "InstrumentProviderConfig"))
        .isInstanceOf(ApiModel.Found.class);
    assertThat(ApiSnapshots.origin(r.snapshot().sources()))
        .isEqualTo("github tarball nightly@5d1e0b7 (2025-12-29)");
    api.verify(
        getRequestedFor(urlPathEqualTo("/repos/" + REPO + "/commits"))
            .withHeader("Authorization", equalTo("Bearer tok-9")));
    // No tag is asked for: a nightly has none.
    assertThat(api.getAllServeEvents())
        .noneMatch(e -> e.getRequest().getUrl().contains("/tarball/v"));
    assertThat(tmp.resolve("models/nautilus_trader-1.222.0a20251229.json")).isRegularFile();
  }

  @Test
  void aDevelopBuildIsReadAtTheDevelopBranchsCommitOfItsDate() throws Exception {
    String sha = "0a1b2c3d4e5f60718293a4b5c6d7e8f901234567";
    serveBranchCommit("develop", "2024-12-12T23:59:59Z", sha);
    serveCommit(sha, tarball(tree("python/", "")));
    ApiSnapshot snap =
        snapshots(null, null)
            .snapshot("nautilus_trader", Version.parse("1.208.0.dev20241212+7001"), opts())
            .snapshot();
    assertThat(snap.modules()).containsKey("nautilus_trader.config");
    assertThat(ApiSnapshots.origin(snap.sources()))
        .isEqualTo("github tarball develop@0a1b2c3 (2024-12-12)");
  }

  @Test
  void aPinnedCommitIsReadFromItsTarballAndCachedApartFromTheReleaseAndOtherCommits()
      throws Exception {
    String a = "aaaaaaa111111111111111111111111111111111";
    String b = "bbbbbbb222222222222222222222222222222222";
    serveCommit(a, tarball(tree("", "    only_at_a: bool = False\n")));
    serveCommit(b, tarball(tree("", "    only_at_b: bool = False\n")));
    Version v = Version.parse("1.230.0");
    ApiSnapshots s = snapshots(null, null);
    ApiSnapshot atA = s.snapshot("nautilus_trader", v, atCommit(a)).snapshot();
    ApiSnapshot atB = s.snapshot("nautilus_trader", v, atCommit(b)).snapshot();

    assertThat(atA.modules().get("nautilus_trader.config").toString()).contains("only_at_a");
    assertThat(atB.modules().get("nautilus_trader.config").toString())
        .contains("only_at_b")
        .doesNotContain("only_at_a");
    assertThat(ApiSnapshots.origin(atA.sources())).isEqualTo("github tarball aaaaaaa (git pin)");
    // The release's wheel is on PyPI, but a commit's code is not the release's: never asked.
    assertThat(pypi.getAllServeEvents()).isEmpty();
    assertThat(tmp.resolve("models/nautilus_trader-1.230.0@" + a + ".json")).isRegularFile();
    assertThat(tmp.resolve("models/nautilus_trader-1.230.0@" + b + ".json")).isRegularFile();
    assertThat(tmp.resolve("models/nautilus_trader-1.230.0.json")).doesNotExist();

    // Asked again, each commit's model comes from the cache.
    api.resetRequests();
    assertThat(s.snapshot("nautilus_trader", v, atCommit(b)).cached()).isTrue();
    assertThat(api.getAllServeEvents()).isEmpty();
  }

  @Test
  void aRateLimitOrAMissingCommitIsNamedAndNothingElseIsTried() {
    api.stubFor(
        get(urlPathEqualTo("/repos/" + REPO + "/commits"))
            .willReturn(
                aResponse()
                    .withStatus(403)
                    .withHeader("X-RateLimit-Remaining", "0")
                    .withBody("{\"message\": \"API rate limit exceeded\"}")));
    assertThatThrownBy(
            () ->
                snapshots(null, null)
                    .snapshot("nautilus_trader", Version.parse("1.222.0a20251229"), opts()))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("/commits?sha=nightly&until=2025-12-29T23:59:59Z&per_page=1")
        .hasMessageContaining("answered HTTP 403 (rate limited; set GITHUB_TOKEN)");

    pypi.resetRequests();
    String sha = "deadbeef00000000000000000000000000000000";
    assertThatThrownBy(
            () ->
                snapshots(null, null)
                    .snapshot("nautilus_trader", Version.parse("1.230.0"), atCommit(sha)))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("tarball/" + sha + " answered HTTP 404");
    assertThat(pypi.getAllServeEvents()).isEmpty();
  }

  @Test
  void anEmptyCommitListSaysTheBranchHadNoCommitThen() {
    api.stubFor(
        get(urlPathEqualTo("/repos/" + REPO + "/commits"))
            .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("[]")));
    assertThatThrownBy(
            () ->
                snapshots(null, null)
                    .snapshot("nautilus_trader", Version.parse("1.100.0a20190101"), opts()))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("no commit of nightly on or before 2019-01-01");
  }
}

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

  /** GitHub's endpoint answers 302 to codeload, which serves the tarball. */
  private void serveTag(String tag, byte[] tarball) {
    String codePath = "/" + REPO + "/legacy.tar.gz/refs/tags/" + tag;
    api.stubFor(
        get(urlPathEqualTo("/repos/" + REPO + "/tarball/" + tag))
            .willReturn(
                aResponse()
                    .withStatus(302)
                    .withHeader("Location", "http://127.0.0.1:" + codeload.port() + codePath)));
    codeload.stubFor(
        get(urlPathEqualTo(codePath))
            .willReturn(
                aResponse().withHeader("Content-Type", "application/x-gzip").withBody(tarball)));
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
    return new ApiSnapshots.Options(null, null, ApiSnapshots.Introspect.SKIP);
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
}

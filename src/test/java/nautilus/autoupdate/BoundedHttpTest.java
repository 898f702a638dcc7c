package nautilus.autoupdate;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import nautilus.autoupdate.api.Http;
import nautilus.autoupdate.config.AutoUpdateConfig;
import nautilus.autoupdate.detect.Upstream;
import nautilus.autoupdate.github.GitHubClient;
import nautilus.autoupdate.github.GitHubError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two loopback servers: the configured API host, which redirects, and another host, which must
 * never see the token. Plus the limits: a dribbling server and an oversized body.
 */
class BoundedHttpTest {
  static final String TOKEN = "ghp_planted_token_value";

  @TempDir Path dir;
  WireMockServer api;
  WireMockServer other;

  @BeforeEach
  void start() {
    api = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    other = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    api.start();
    other.start();
  }

  @AfterEach
  void stop() {
    api.stop();
    other.stop();
  }

  void redirectEverythingToOther() {
    api.stubFor(
        get(anyUrl())
            .willReturn(
                aResponse().withStatus(302).withHeader("Location", other.baseUrl() + "/moved")));
    other.stubFor(get(anyUrl()).willReturn(okJson("[]")));
  }

  static void assertNoAuthorization(WireMockServer server) {
    List<LoggedRequest> seen = server.findAll(anyRequestedFor(anyUrl()));
    assertThat(seen).isNotEmpty();
    assertThat(seen).allSatisfy(r -> assertThat(r.containsHeader("Authorization")).isFalse());
    assertThat(seen).allSatisfy(r -> assertThat(r.getBodyAsString()).doesNotContain(TOKEN));
  }

  AutoUpdateConfig config() {
    return AutoUpdateConfig.defaults()
        .with("github_api_url", api.baseUrl())
        .with("package_index_url", api.baseUrl() + "/simple")
        .with("nightly_index_url", api.baseUrl() + "/nightly")
        .with("state_dir", dir.resolve("state").toString());
  }

  @Test
  void theReleaseSourcesNeverCarryTheTokenToAnotherHost() {
    redirectEverythingToOther();
    try (Upstream u =
        Upstream.open(config(), dir, Map.of("GITHUB_TOKEN", TOKEN), Clock.systemUTC(), false)) {
      assertThat(u.github().poll()).isEmpty();
    }
    // The configured host got the token; the host it pointed to got none.
    api.verify(
        getRequestedFor(urlPathEqualTo("/repos/nautechsystems/nautilus_trader/releases"))
            .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    assertNoAuthorization(other);
  }

  @Test
  void aHostMerelyStartingLikeTheApiUrlGetsNoToken() {
    other.stubFor(get(anyUrl()).willReturn(okJson("{}")));
    // "http://127.0.0.1:1" is a prefix of "http://127.0.0.1:1234": not the same host.
    String base = other.baseUrl();
    String prefix = base.substring(0, base.length() - 1);
    AutoUpdateConfig c = config().with("github_api_url", prefix);
    try (Upstream u =
        Upstream.open(c, dir, Map.of("GITHUB_TOKEN", TOKEN), Clock.systemUTC(), false)) {
      u.http().get(base + "/x", "application/json", s -> s);
    }
    assertNoAuthorization(other);
  }

  @Test
  void theGitHubClientDropsTheTokenOnARedirectToAnotherHost() {
    redirectEverythingToOther();
    api.stubFor(
        post(anyUrl())
            .willReturn(
                aResponse().withStatus(307).withHeader("Location", other.baseUrl() + "/moved")));
    other.stubFor(post(anyUrl()).willReturn(okJson("{\"number\":7}")));
    GitHubClient gh = GitHubClient.create(URI.create(api.baseUrl()), TOKEN, config().httpLimits());
    gh.get("/repos/o/r");
    // A 307 keeps the method and the body, never the token.
    assertThat(gh.post("/repos/o/r/pulls", Map.of("title", "t")).path("number").asInt())
        .isEqualTo(7);
    other.verify(
        postRequestedFor(urlEqualTo("/moved")).withRequestBody(equalToJson("{\"title\":\"t\"}")));
    api.verify(
        getRequestedFor(urlEqualTo("/repos/o/r"))
            .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    assertNoAuthorization(other);
  }

  @Test
  void aRedirectBackToTheSameHostKeepsTheToken() {
    api.stubFor(
        get(urlEqualTo("/old"))
            .willReturn(aResponse().withStatus(301).withHeader("Location", "/new")));
    api.stubFor(get(urlEqualTo("/new")).willReturn(okJson("{\"ok\":true}")));
    GitHubClient gh = GitHubClient.create(URI.create(api.baseUrl()), TOKEN, config().httpLimits());
    assertThat(gh.get("/old").path("ok").asBoolean()).isTrue();
    api.verify(
        getRequestedFor(urlEqualTo("/new"))
            .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
  }

  @Test
  void aRedirectLoopEndsInOneLine() {
    api.stubFor(
        get(urlEqualTo("/loop"))
            .willReturn(aResponse().withStatus(302).withHeader("Location", "/loop")));
    GitHubClient gh = GitHubClient.create(URI.create(api.baseUrl()), TOKEN, config().httpLimits());
    assertThatThrownBy(() -> gh.get("/loop"))
        .isInstanceOf(GitHubError.class)
        .hasMessage("GET " + api.baseUrl() + "/loop: more than 10 redirects");
  }

  @Test
  void aDowngradeFromHttpsToHttpWithATokenFails() throws Exception {
    // A certificate for "localhost" (WireMock's own names another host).
    Path keystore = dir.resolve("tls.jks");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "wm",
                "-keyalg",
                "RSA",
                "-keystore",
                keystore.toString(),
                "-storepass",
                "password",
                "-keypass",
                "password",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=dns:localhost",
                "-validity",
                "2")
            .redirectErrorStream(true)
            .start();
    keytool.getInputStream().readAllBytes();
    assertThat(keytool.waitFor()).isZero();
    WireMockServer tls =
        new WireMockServer(
            options()
                .dynamicPort()
                .dynamicHttpsPort()
                .bindAddress("127.0.0.1")
                .keystorePath(keystore.toString())
                .keystorePassword("password")
                .keyManagerPassword("password"));
    tls.start();
    try {
      String target = other.baseUrl() + "/plain";
      tls.stubFor(
          get(anyUrl()).willReturn(aResponse().withStatus(302).withHeader("Location", target)));
      other.stubFor(get(anyUrl()).willReturn(okJson("{}")));
      BoundedHttp http =
          new BoundedHttp(BoundedHttp.Limits.standard(Duration.ofSeconds(5)), trustAll());
      URI secure = URI.create("https://localhost:" + tls.httpsPort() + "/x");
      assertThatThrownBy(() -> http.get(secure, Map.of("Authorization", "Bearer " + TOKEN)))
          .isInstanceOf(UserError.class)
          .hasMessageContaining("GET " + secure)
          .hasMessageContaining("from https to plain http")
          .hasMessageNotContaining(TOKEN);
      assertThat(other.findAll(anyRequestedFor(anyUrl()))).isEmpty();
      // Without credentials the same redirect is followed.
      assertThat(http.get(secure, Map.of()).status()).isEqualTo(200);
    } finally {
      tls.stop();
    }
  }

  @Test
  void aDribblingServerEndsAtTheDeadlineNamingTheUrl() {
    api.stubFor(
        get(urlEqualTo("/slow"))
            .willReturn(
                okJson("[" + "1,".repeat(200) + "1]").withChunkedDribbleDelay(100, 20_000)));
    AutoUpdateConfig c = config().with("http_deadline_seconds", 2);
    long start = System.nanoTime();
    try (Upstream u = Upstream.open(c, dir, Map.of(), Clock.systemUTC(), false)) {
      assertThatThrownBy(() -> u.http().get(api.baseUrl() + "/slow", "application/json", s -> s))
          .isInstanceOf(UserError.class)
          .hasMessage(
              "GET "
                  + api.baseUrl()
                  + "/slow: no complete answer within 2 s (http_deadline_seconds)");
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void aBodyOverTheCapFailsNamingTheUrlAndTheCap() {
    byte[] big = new byte[3 * 1024 * 1024];
    api.stubFor(get(urlEqualTo("/big")).willReturn(aResponse().withStatus(200).withBody(big)));
    // Chunked: no Content-Length up front, so the cap is met while reading.
    api.stubFor(
        get(urlEqualTo("/big-chunked"))
            .willReturn(aResponse().withStatus(200).withBody(big).withChunkedDribbleDelay(8, 50)));
    AutoUpdateConfig c = config().with("max_body_mb", 1);
    Http http = Http.jdk(c.httpLimits());
    for (String path : List.of("/big", "/big-chunked")) {
      URI u = URI.create(api.baseUrl() + path);
      assertThatThrownBy(() -> http.get(u, Map.of()))
          .isInstanceOf(UserError.class)
          .hasMessage("GET " + u + ": the answer is larger than 1 MB (max_body_mb)");
      // Distribution files and their ranges are read as before.
      assertThat(http.download(u, Map.of()).body()).hasSize(big.length);
    }
    try (Upstream u = Upstream.open(c, dir, Map.of(), Clock.systemUTC(), false)) {
      assertThatThrownBy(() -> u.http().get(api.baseUrl() + "/big", "application/json", s -> s))
          .hasMessageContaining("larger than 1 MB (max_body_mb)");
    }
  }

  @Test
  void originsCompareSchemeHostAndDefaultPort() {
    assertThat(
            BoundedHttp.sameOrigin(
                URI.create("https://api.github.com/x"), URI.create("https://API.github.com:443/")))
        .isTrue();
    assertThat(
            BoundedHttp.sameOrigin(
                URI.create("http://api.github.com/x"), URI.create("https://api.github.com/x")))
        .isFalse();
    assertThat(BoundedHttp.isUnder("https://api.github.com.evil/x", "https://api.github.com"))
        .isFalse();
    assertThat(BoundedHttp.isUnder("https://api.github.com@evil/x", "https://api.github.com"))
        .isFalse();
    assertThat(BoundedHttp.isUnder("https://api.github.com/repos", "https://api.github.com"))
        .isTrue();
  }

  @Test
  void messagesNeverShowAPasswordInTheUrl() {
    assertThat(BoundedHttp.shown(URI.create("https://u:pw@index.example/simple/x/")))
        .isEqualTo("https://index.example/simple/x/");
    assertThat(BoundedHttp.shown(URI.create("https://index.example/a")))
        .isEqualTo("https://index.example/a");
  }

  static SSLContext trustAll() throws Exception {
    TrustManager tm =
        new X509TrustManager() {
          @Override
          public void checkClientTrusted(X509Certificate[] chain, String authType) {}

          @Override
          public void checkServerTrusted(X509Certificate[] chain, String authType) {}

          @Override
          public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
          }
        };
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, new TrustManager[] {tm}, null);
    return ctx;
  }
}

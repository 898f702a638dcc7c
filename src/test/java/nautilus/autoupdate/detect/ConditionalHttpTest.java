package nautilus.autoupdate.detect;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.moreThanOrExactly;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import nautilus.autoupdate.NetworkFault;
import nautilus.autoupdate.UserError;
import nautilus.autoupdate.state.StateDb;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConditionalHttpTest {
  @TempDir Path dir;
  WireMockServer server;
  StateDb state;

  @BeforeEach
  void start() {
    server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
    state = StateDb.open(dir, Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    server.stop();
    state.close();
  }

  ConditionalHttp http(String token) {
    return http(token, Duration.ofSeconds(5));
  }

  ConditionalHttp http(String token, Duration timeout) {
    return new ConditionalHttp(
        new JdkHttpTransport(Duration.ofSeconds(2)),
        state,
        Clock.systemUTC(),
        new ConditionalHttp.Policy(3, Duration.ofMillis(20), Duration.ofSeconds(3), timeout),
        server.baseUrl() + "/api",
        token);
  }

  String url(String path) {
    return server.baseUrl() + path;
  }

  @Test
  void secondRequestIsConditionalAndA304ReusesTheCachedBody() {
    server.stubFor(
        get("/p")
            .withHeader("If-None-Match", absent())
            .willReturn(
                aResponse()
                    .withHeader("ETag", "\"v1\"")
                    .withHeader("Last-Modified", "Mon, 29 Dec 2025 06:00:00 GMT")
                    .withBody("hello")));
    server.stubFor(
        get("/p")
            .withHeader("If-None-Match", equalTo("\"v1\""))
            .willReturn(aResponse().withStatus(304)));
    ConditionalHttp http = http(null);
    var first = http.get(url("/p"), "text/plain", String::toUpperCase);
    var second = http.get(url("/p"), "text/plain", String::toUpperCase);
    assertThat(first.value()).isEqualTo("HELLO");
    assertThat(first.notModified()).isFalse();
    assertThat(second.value()).isEqualTo("HELLO");
    assertThat(second.notModified()).isTrue();
    assertThat(http.stats()).isEqualTo(new ConditionalHttp.Stats(2, 1, 1));
    server.verify(
        getRequestedFor(urlEqualTo("/p"))
            .withHeader("If-Modified-Since", equalTo("Mon, 29 Dec 2025 06:00:00 GMT")));
  }

  @Test
  void retries5xxWithBackoffThenSucceeds() {
    server.stubFor(
        get("/r")
            .inScenario("flaky")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(502))
            .willSetStateTo("ok"));
    server.stubFor(
        get("/r")
            .inScenario("flaky")
            .whenScenarioStateIs("ok")
            .willReturn(aResponse().withBody("fine")));
    assertThat(http(null).get(url("/r"), "*/*", b -> b).value()).isEqualTo("fine");
    server.verify(2, getRequestedFor(urlEqualTo("/r")));
  }

  @Test
  void givesUpAfterTheLastAttemptNamingTheUrl() {
    server.stubFor(get("/down").willReturn(aResponse().withStatus(503)));
    // A fault of the server: worth a retry later (watch), unlike the user's errors.
    assertThatThrownBy(() -> http(null).get(url("/down"), "*/*", b -> b))
        .isInstanceOf(NetworkFault.class)
        .hasMessageContaining(url("/down"))
        .hasMessageContaining("3 attempts")
        .hasMessageContaining("HTTP 503");
    server.verify(3, getRequestedFor(urlEqualTo("/down")));
  }

  @Test
  void aSlowServerTimesOut() {
    server.stubFor(get("/slow").willReturn(aResponse().withFixedDelay(1500).withBody("late")));
    assertThatThrownBy(() -> http(null, Duration.ofMillis(300)).get(url("/slow"), "*/*", b -> b))
        .isInstanceOf(NetworkFault.class)
        .hasMessageContaining("no answer within");
  }

  @Test
  void aTruncatedBodyIsAnErrorAndIsNotCached() {
    server.stubFor(
        get("/t")
            .willReturn(
                aResponse().withHeader("ETag", "\"t\"").withBody("{\"releases\": {\"1.0\": [")));
    assertThatThrownBy(
            () ->
                http(null).get(url("/t"), "application/json", b -> Sources.parseJson(url("/t"), b)))
        .isInstanceOf(UserError.class)
        .isNotInstanceOf(NetworkFault.class)
        .hasMessageContaining(url("/t"))
        .hasMessageContaining("malformed JSON");
    assertThat(state.cached(url("/t"))).isEmpty();
  }

  @Test
  void aBrokenConnectionIsRetriedAndReported() {
    server.stubFor(get("/cut").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    assertThatThrownBy(() -> http(null).get(url("/cut"), "*/*", b -> b))
        .isInstanceOf(NetworkFault.class)
        .hasMessageContaining("connection failed");
    // The JDK client itself retries an idempotent GET once after a reset.
    server.verify(moreThanOrExactly(3), getRequestedFor(urlEqualTo("/cut")));
  }

  @Test
  void waitsForAShortRateLimitThenRetries() {
    server.stubFor(
        get("/api/x")
            .inScenario("rl")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1"))
            .willSetStateTo("ok"));
    server.stubFor(
        get("/api/x")
            .inScenario("rl")
            .whenScenarioStateIs("ok")
            .willReturn(aResponse().withBody("[]")));
    long t0 = System.nanoTime();
    assertThat(http(null).get(url("/api/x"), "*/*", b -> b).value()).isEqualTo("[]");
    assertThat(Duration.ofNanos(System.nanoTime() - t0))
        .isGreaterThanOrEqualTo(Duration.ofMillis(900));
  }

  @Test
  void skipsTheSourceWhenTheQuotaResetsTooLate() {
    long reset = Instant.now().plusSeconds(3600).getEpochSecond();
    server.stubFor(
        get("/api/y")
            .willReturn(
                aResponse()
                    .withStatus(403)
                    .withHeader("X-RateLimit-Remaining", "0")
                    .withHeader("X-RateLimit-Reset", Long.toString(reset))));
    assertThatThrownBy(() -> http(null).get(url("/api/y"), "*/*", b -> b))
        .isInstanceOf(ConditionalHttp.RateLimited.class)
        .hasMessageContaining("skipping this source")
        .hasMessageContaining("GITHUB_TOKEN");
    server.verify(1, getRequestedFor(urlEqualTo("/api/y")));
  }

  @Test
  void aPlain403IsAnErrorNotARateLimit() {
    server.stubFor(get("/api/z").willReturn(aResponse().withStatus(403)));
    assertThatThrownBy(() -> http(null).get(url("/api/z"), "*/*", b -> b))
        .isNotInstanceOf(ConditionalHttp.RateLimited.class)
        .hasMessageContaining("HTTP 403");
  }

  @Test
  void theTokenGoesOnlyToTheGithubApi() {
    server.stubFor(get("/api/r").willReturn(aResponse().withBody("ok")));
    server.stubFor(get("/other").willReturn(aResponse().withBody("ok")));
    ConditionalHttp http = http("secret-token");
    http.get(url("/api/r"), "*/*", b -> b);
    http.get(url("/other"), "*/*", b -> b);
    server.verify(
        getRequestedFor(urlEqualTo("/api/r"))
            .withHeader("Authorization", equalTo("Bearer secret-token")));
    server.verify(getRequestedFor(urlEqualTo("/other")).withoutHeader("Authorization"));
  }

  @Test
  void a404IsReportedAsNoValue() {
    server.stubFor(get("/missing").willReturn(aResponse().withStatus(404)));
    var f = http(null).get(url("/missing"), "*/*", b -> b);
    assertThat(f.value()).isNull();
    assertThat(f.status()).isEqualTo(404);
  }
}

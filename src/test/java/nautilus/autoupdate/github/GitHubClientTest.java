package nautilus.autoupdate.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import nautilus.autoupdate.BoundedHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GitHubClientTest {
  @RegisterExtension
  static WireMockExtension gh =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  final List<Duration> sleeps = new ArrayList<>();

  GitHubClient client(Duration timeout) {
    return new GitHubClient(
        new BoundedHttp(BoundedHttp.Limits.standard(timeout)),
        URI.create(gh.baseUrl() + "/"),
        "secret-token",
        timeout,
        sleeps::add,
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  GitHubClient client() {
    return client(Duration.ofSeconds(5));
  }

  private void sequence(
      String path, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder... rs) {
    String state = Scenario.STARTED;
    for (int i = 0; i < rs.length; i++) {
      String next = "s" + (i + 1);
      gh.stubFor(
          get(urlEqualTo(path))
              .inScenario("seq")
              .whenScenarioStateIs(state)
              .willReturn(rs[i])
              .willSetStateTo(next));
      state = next;
    }
  }

  @Test
  void sendsGithubHeadersAndTheTokenAsBearer() {
    gh.stubFor(get(urlEqualTo("/rate_limit")).willReturn(okJson("{\"ok\":true}")));
    assertThat(client().get("/rate_limit").path("ok").asBoolean()).isTrue();
    gh.verify(
        getRequestedFor(urlEqualTo("/rate_limit"))
            .withHeader("Accept", equalTo("application/vnd.github+json"))
            .withHeader("Authorization", equalTo("Bearer secret-token")));
  }

  @Test
  void serverErrorsAreRetriedWithBackoff() {
    sequence("/x", aResponse().withStatus(502), aResponse().withStatus(500), okJson("{\"n\":1}"));
    assertThat(client().get("/x").path("n").asInt()).isEqualTo(1);
    assertThat(sleeps).hasSize(2);
    assertThat(sleeps.get(1)).isGreaterThan(sleeps.get(0));
  }

  @Test
  void persistentServerErrorsBecomeANetworkFaultWithStatusAndUrl() {
    gh.stubFor(
        get(urlEqualTo("/x"))
            .willReturn(aResponse().withStatus(503).withBody("{\"message\":\"Unavailable\"}")));
    assertThatThrownBy(() -> client().get("/x"))
        .isInstanceOf(GitHubFault.class)
        .hasMessageContaining("HTTP 503 Unavailable")
        .hasMessageContaining(gh.baseUrl() + "/x")
        .hasMessageNotContaining("secret-token");
  }

  @Test
  void retryAfterOn429IsHonored() {
    sequence("/x", aResponse().withStatus(429).withHeader("Retry-After", "7"), okJson("{}"));
    client().get("/x");
    assertThat(sleeps).containsExactly(Duration.ofSeconds(7));
  }

  @Test
  void exhaustedRateLimitWaitsUntilResetWhenShort() {
    sequence(
        "/x",
        aResponse()
            .withStatus(403)
            .withHeader("x-ratelimit-remaining", "0")
            .withHeader("x-ratelimit-reset", String.valueOf(NOW.getEpochSecond() + 20)),
        okJson("{}"));
    client().get("/x");
    assertThat(sleeps).containsExactly(Duration.ofSeconds(20));
  }

  @Test
  void exhaustedRateLimitWithALongWaitIsANetworkFault() {
    gh.stubFor(
        get(urlEqualTo("/x"))
            .willReturn(
                aResponse()
                    .withStatus(403)
                    .withHeader("x-ratelimit-remaining", "0")
                    .withHeader("x-ratelimit-reset", String.valueOf(NOW.getEpochSecond() + 3600))
                    .withBody("{\"message\":\"API rate limit exceeded\"}")));
    assertThatThrownBy(() -> client().get("/x"))
        .isInstanceOf(GitHubFault.class)
        .hasMessageContaining("rate limit")
        .hasMessageContaining("60 min");
    assertThat(sleeps).isEmpty();
  }

  @Test
  void aForbiddenThatIsNotARateLimitFailsAtOnce() {
    gh.stubFor(
        get(urlEqualTo("/x"))
            .willReturn(
                aResponse()
                    .withStatus(403)
                    .withBody("{\"message\":\"Resource not accessible by integration\"}")));
    assertThatThrownBy(() -> client().get("/x"))
        .hasMessageContaining("HTTP 403 Resource not accessible");
    assertThat(sleeps).isEmpty();
    gh.verify(1, getRequestedFor(urlEqualTo("/x")));
  }

  @Test
  void everyCallHasATimeout() {
    gh.stubFor(get(urlEqualTo("/slow")).willReturn(okJson("{}").withFixedDelay(3000)));
    assertThatThrownBy(() -> client(Duration.ofMillis(300)).get("/slow"))
        .isInstanceOf(GitHubFault.class)
        .hasMessageContaining("no response")
        .hasMessageContaining("Timeout");
  }
}

package nautilus.autoupdate.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nautilus.autoupdate.CliRunner;
import nautilus.autoupdate.detect.FakeUpstream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loopback fault server behind the real {@code detect}: drip, huge body, foreign redirect. */
class HttpFaultsCliTest {
  @TempDir Path repo;
  FakeUpstream up;
  Map<String, String> env;

  @BeforeEach
  void start() {
    up = new FakeUpstream();
    env = new HashMap<>(up.env(repo.resolve(".state"), "stable"));
    up.publishStable("1.221.0", Instant.now().minus(Duration.ofDays(2)));
  }

  @AfterEach
  void stop() {
    up.close();
  }

  static List<String> linesOf(String text, String prefix) {
    return text.lines().filter(l -> l.startsWith(prefix)).toList();
  }

  @Test
  void aDribblingSourceEndsAtTheDeadlineInOneLineAndTheOthersStillCount() {
    up.server.stubFor(
        get(urlPathMatching("/pypi/.*"))
            .willReturn(okJson("{\"releases\":{}}").withChunkedDribbleDelay(20, 30_000)));
    env.put("NAUTILUS_AUTOUPDATE_HTTP_DEADLINE_SECONDS", "1");
    long t0 = System.nanoTime();
    CliRunner.Result r = CliRunner.run(repo, env, "detect");
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(20));
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.UPDATE_AVAILABLE);
    assertThat(linesOf(r.err(), "warning: pypi"))
        .singleElement()
        .asString()
        .contains("GET " + up.baseUrl() + "/pypi/")
        .endsWith(": no complete answer within 1 s (http_deadline_seconds)");
  }

  @Test
  void aHugeBodyFailsInOneLineNamingTheUrlAndTheCap() {
    up.server.stubFor(
        get(urlPathMatching("/pypi/.*"))
            .willReturn(aResponse().withStatus(200).withBody(new byte[3 * 1024 * 1024])));
    env.put("NAUTILUS_AUTOUPDATE_MAX_BODY_MB", "1");
    CliRunner.Result r = CliRunner.run(repo, env, "detect");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.UPDATE_AVAILABLE);
    assertThat(linesOf(r.err(), "warning: pypi"))
        .singleElement()
        .asString()
        .contains("GET " + up.baseUrl() + "/pypi/")
        .endsWith(": the answer is larger than 1 MB (max_body_mb)");
  }

  @Test
  void theTokenNeverReachesTheHostTheApiRedirectsTo() {
    WireMockServer elsewhere = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    elsewhere.start();
    try {
      elsewhere.stubFor(get(anyUrl()).willReturn(okJson("[]")));
      up.server.stubFor(
          get(urlPathMatching("/api/.*"))
              .willReturn(
                  aResponse()
                      .withStatus(302)
                      .withHeader("Location", elsewhere.baseUrl() + "/stolen")));
      env.put("GITHUB_TOKEN", "ghp_planted_cli_token");
      CliRunner.Result r = CliRunner.run(repo, env, "detect");
      assertThat(r.out() + r.err()).doesNotContain("ghp_planted_cli_token");
      var seen = elsewhere.findAll(anyRequestedFor(anyUrl()));
      assertThat(seen).as("requests that followed the redirect").isNotEmpty();
      assertThat(seen).noneMatch(req -> req.containsHeader("Authorization"));
    } finally {
      elsewhere.stop();
    }
  }
}

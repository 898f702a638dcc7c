package nautilus.autoupdate.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import nautilus.autoupdate.Json;

/**
 * A Discord webhook on loopback: answers 204 to a body within Discord's limits and 400 "Invalid
 * Form Body" (code 50035) to one over them, as Discord does; or 429s and 5xx on request.
 */
public final class FakeDiscord implements AutoCloseable {
  /** A planted secret: the token part of the webhook URL, which must never be printed. */
  public static final String TOKEN = "SeCrEtWeBhOoKtOkEn-0123456789abcdefABCDEF_zyxwvu";

  public static final String PATH = "/api/webhooks/112233445566778899/" + TOKEN;

  public final WireMockServer server =
      new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").extensions(new Limits()));

  public FakeDiscord() {
    server.start();
    accepting();
  }

  public String url() {
    return server.baseUrl() + PATH;
  }

  /** 204 within the limits, 400 beyond them. */
  public void accepting() {
    server.resetMappings();
    server.stubFor(
        post(urlPathEqualTo(PATH))
            .willReturn(aResponse().withStatus(204).withTransformers(Limits.NAME)));
  }

  /** 200 with a message body, as with {@code ?wait=true}. */
  public void acceptingWith200() {
    server.resetMappings();
    server.stubFor(
        post(urlPathEqualTo(PATH))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"id\":\"1\",\"type\":0}")));
  }

  /** {@code times} 429s with {@code retry_after} seconds, then 204. */
  public void rateLimited(int times, double retryAfter) {
    server.resetMappings();
    String state = Scenario.STARTED;
    for (int i = 0; i < times; i++) {
      String next = "limited-" + (i + 1);
      server.stubFor(
          post(urlPathEqualTo(PATH))
              .inScenario("rate")
              .whenScenarioStateIs(state)
              .willSetStateTo(next)
              .willReturn(
                  aResponse()
                      .withStatus(429)
                      .withHeader("Content-Type", "application/json")
                      .withBody(
                          "{\"message\":\"You are being rate limited.\",\"retry_after\":"
                              + retryAfter
                              + ",\"global\":false}")));
      state = next;
    }
    server.stubFor(
        post(urlPathEqualTo(PATH))
            .inScenario("rate")
            .whenScenarioStateIs(state)
            .willReturn(aResponse().withStatus(204)));
  }

  public void failing(int status, String body) {
    server.resetMappings();
    server.stubFor(
        post(urlPathEqualTo(PATH))
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/json")
                    .withBody(body)));
  }

  /** Every body posted, oldest first. */
  public List<JsonNode> bodies() {
    return server.findAll(postRequestedFor(urlPathEqualTo(PATH))).stream()
        .map(
            r -> {
              try {
                return Json.mapper().readTree(r.getBodyAsString());
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            })
        .toList();
  }

  /** Bodies as raw text, for secret scans. */
  public List<String> rawBodies() {
    return server.findAll(postRequestedFor(urlPathEqualTo(PATH))).stream()
        .map(r -> r.getBodyAsString())
        .toList();
  }

  @Override
  public void close() {
    server.stop();
  }

  /** Discord's answer to a body over its limits. */
  static final class Limits implements ResponseDefinitionTransformerV2 {
    static final String NAME = "discord-limits";

    @Override
    public ResponseDefinition transform(ServeEvent event) {
      try {
        JsonNode body = Json.mapper().readTree(event.getRequest().getBodyAsString());
        if (!DiscordLimits.violations(body).isEmpty()) {
          return new ResponseDefinitionBuilder()
              .withStatus(400)
              .withHeader("Content-Type", "application/json")
              .withBody("{\"message\": \"Invalid Form Body\", \"code\": 50035}")
              .build();
        }
      } catch (IOException e) {
        return new ResponseDefinitionBuilder().withStatus(400).withBody("{}").build();
      }
      return event.getResponseDefinition();
    }

    @Override
    public boolean applyGlobally() {
      return false;
    }

    @Override
    public String getName() {
      return NAME;
    }
  }
}

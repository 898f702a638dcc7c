package nautilus.autoupdate.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import nautilus.autoupdate.version.Version;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The webhook adapter against a loopback Discord that enforces Discord's limits. */
class DiscordNotifierTest {
  final FakeDiscord discord = new FakeDiscord();
  final List<Duration> waits = new ArrayList<>();

  @AfterEach
  void stop() {
    discord.close();
  }

  DiscordNotifier notifier() {
    return new DiscordNotifier(URI.create(discord.url()), Duration.ofSeconds(5), waits::add);
  }

  static Message manual(String detail) {
    return Message.of(
        Event.manual(
            Version.parse("1.231.0"),
            detail,
            List.of("raise requires-python to >=3.12"),
            Instant.parse("2026-12-03T09:00:00Z")));
  }

  @Test
  void aNoContentAnswerIsDelivered() {
    notifier().send(manual("3 breaking changes touch our code"));
    assertThat(discord.bodies()).hasSize(1);
    var body = discord.bodies().get(0);
    assertThat(body.path("embeds").get(0).path("title").asText())
        .isEqualTo("Update to 1.231.0 needs a person");
    assertThat(body.path("allowed_mentions").path("parse").isArray()).isTrue();
    assertThat(DiscordLimits.violations(body)).isEmpty();
  }

  @Test
  void anOkAnswerWithAMessageBodyIsDelivered() {
    discord.acceptingWith200();
    notifier().send(manual("x"));
    assertThat(discord.bodies()).hasSize(1);
  }

  @Test
  void aRateLimitIsWaitedOutAsRetryAfterSays() {
    discord.rateLimited(2, 0.25);
    notifier().send(manual("x"));
    assertThat(waits).containsExactly(Duration.ofMillis(250), Duration.ofMillis(250));
    assertThat(discord.bodies()).hasSize(3);
  }

  @Test
  void aRateLimitThatDoesNotEndFailsAfterABoundedNumberOfTries() {
    discord.rateLimited(50, 0.01);
    assertThatThrownBy(() -> notifier().send(manual("x")))
        .isInstanceOf(NotifyException.class)
        .hasMessage("Discord rate-limited the webhook 4 times; giving up");
    assertThat(discord.bodies()).hasSize(DiscordNotifier.MAX_RETRIES + 1);
    assertThat(waits).hasSize(DiscordNotifier.MAX_RETRIES);
  }

  @Test
  void aLongRateLimitIsNotWaitedFor() {
    discord.rateLimited(1, 3600);
    assertThatThrownBy(() -> notifier().send(manual("x")))
        .isInstanceOf(NotifyException.class)
        .hasMessage("Discord rate-limited the webhook for 3600 s; not waiting");
    assertThat(waits).isEmpty();
  }

  @Test
  void anOversizedEventIsCutToFitAndAccepted() {
    // Far over every limit; the fake answers 400 to anything Discord would refuse.
    Event e =
        Event.of(EventType.BLOCKED, "1.231.0", "t".repeat(1000), Instant.EPOCH)
            .withDetail("d".repeat(50_000));
    for (int i = 0; i < 60; i++) {
      e = e.withField("n".repeat(400), "v".repeat(3000));
    }
    notifier().send(Message.of(e));
    var body = discord.bodies().get(0);
    assertThat(DiscordLimits.violations(body)).isEmpty();
    assertThat(body.path("embeds").get(0).path("description").asText()).endsWith("…(truncated)");
  }

  @Test
  void aRefusalIsOneLineWithDiscordsReasonAndNeverTheUrl() {
    discord.failing(
        400, "{\"message\": \"Invalid Form Body\", \"code\": 50035, \"errors\": {\"embeds\": {}}}");
    assertThatThrownBy(() -> notifier().send(manual("x")))
        .isInstanceOf(NotifyException.class)
        .hasMessage("Discord refused the message: HTTP 400 (Invalid Form Body, code 50035)")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(FakeDiscord.TOKEN));
    assertThat(waits).isEmpty();
  }

  @Test
  void aServerErrorFailsWithoutEchoingTheBody() {
    discord.failing(500, "<html>" + FakeDiscord.TOKEN + "</html>");
    assertThatThrownBy(() -> notifier().send(manual("x")))
        .isInstanceOf(NotifyException.class)
        .hasMessage("Discord refused the message: HTTP 500");
  }

  @Test
  void anUnreachableWebhookIsOneLineWithoutTheUrl() {
    String url = discord.url();
    discord.close();
    assertThatThrownBy(
            () ->
                new DiscordNotifier(URI.create(url), Duration.ofSeconds(2), waits::add)
                    .send(manual("x")))
        .isInstanceOf(NotifyException.class)
        .hasMessageStartingWith("Discord webhook unreachable")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(FakeDiscord.TOKEN));
  }

  @Test
  void aDribblingWebhookEndsAtTheDeadlineWithoutNamingTheUrl() {
    discord.server.resetMappings();
    discord.server.stubFor(
        com.github.tomakehurst.wiremock.client.WireMock.post(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(FakeDiscord.PATH))
            .willReturn(
                com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                    .withStatus(200)
                    .withBody("x".repeat(100))
                    .withChunkedDribbleDelay(50, 20_000)));
    var limits =
        new nautilus.autoupdate.BoundedHttp.Limits(
            Duration.ofSeconds(5), Duration.ofSeconds(1), 1024 * 1024, 10);
    assertThatThrownBy(
            () ->
                new DiscordNotifier(URI.create(discord.url()), limits, waits::add)
                    .send(manual("x")))
        .isInstanceOf(NotifyException.class)
        .hasMessage("Discord webhook: no complete answer within 1 s (http_deadline_seconds)")
        .satisfies(e -> assertThat(e.getCause()).isNull());
  }

  @Test
  void retryAfterFallsBackToTheHeader() {
    discord.server.resetMappings();
    discord.server.stubFor(
        com.github.tomakehurst.wiremock.client.WireMock.post(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(FakeDiscord.PATH))
            .inScenario("h")
            .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
            .willSetStateTo("ok")
            .willReturn(
                com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                    .withStatus(429)
                    .withHeader("Retry-After", "2")
                    .withBody("not json")));
    discord.server.stubFor(
        com.github.tomakehurst.wiremock.client.WireMock.post(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(FakeDiscord.PATH))
            .inScenario("h")
            .whenScenarioStateIs("ok")
            .willReturn(
                com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(204)));
    notifier().send(manual("x"));
    assertThat(waits).containsExactly(Duration.ofSeconds(2));
  }
}

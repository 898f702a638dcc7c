package nautilus.autoupdate.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import nautilus.autoupdate.TestClock;
import nautilus.autoupdate.UserError;
import nautilus.autoupdate.config.AutoUpdateConfig;
import nautilus.autoupdate.state.StateDb;
import nautilus.autoupdate.version.Version;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The facade with both real adapters: a loopback Discord and GreenMail, the state in a real SQLite
 * file. Known secret values are planted in the environment and searched for everywhere text goes.
 */
class NotificationsTest {
  static final String PASSWORD = "pl4nted-SMTP-passw0rd-xyz";
  static final String GITHUB_TOKEN = "ghp_pl4ntedGitHubToken0123456789abcdef";

  @TempDir Path stateDir;
  FakeDiscord discord;
  GreenMail mail;
  final List<String> log = new ArrayList<>();
  Instant now = Instant.parse("2026-12-03T09:00:00Z");
  final Clock clock = TestClock.of(() -> now);

  @BeforeEach
  void start() {
    discord = new FakeDiscord();
    mail =
        new GreenMail(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(
                GreenMailConfiguration.aConfig().withUser("bot@example.org", "bot", PASSWORD));
    mail.start();
  }

  @AfterEach
  void stop() {
    discord.close();
    mail.stop();
  }

  AutoUpdateConfig config() {
    return AutoUpdateConfig.defaults()
        .with("smtp_host", "127.0.0.1")
        .with("smtp_port", mail.getSmtp().getPort())
        .with("smtp_security", "none")
        .with("email_from", "bot@example.org")
        .with("email_to", List.of("ops@example.org"))
        .with("http_timeout_seconds", 5);
  }

  Map<String, String> env() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("DISCORD_WEBHOOK_URL", discord.url());
    env.put("SMTP_USERNAME", "bot");
    env.put("SMTP_PASSWORD", PASSWORD);
    env.put("GITHUB_TOKEN", GITHUB_TOKEN);
    return env;
  }

  /** One "run": its own connection to the state, as a new process would have. */
  <T> T run(AutoUpdateConfig config, java.util.function.Function<Notifications, T> body) {
    try (StateDb db = StateDb.open(stateDir, clock)) {
      return body.apply(Notifications.from(config, env(), db, clock, log::add));
    }
  }

  Notifications.Delivery send(AutoUpdateConfig c, Event e) {
    return run(c, n -> n.send(e));
  }

  List<Notifications.Delivery> sendAll(AutoUpdateConfig c, Event... events) {
    return run(c, n -> Stream.of(events).map(n::send).toList());
  }

  java.util.Optional<String> flush(AutoUpdateConfig c) {
    return run(c, Notifications::flushDigest);
  }

  List<String> testLines(AutoUpdateConfig c) {
    return run(c, Notifications::test);
  }

  boolean sent(AutoUpdateConfig c, String key) {
    return run(c, n -> n.wasSent(key));
  }

  Event detected() {
    return Event.detected(Version.parse("1.222.0"), "stable", now.minusSeconds(60), now);
  }

  Event manual() {
    return Event.manual(
        Version.parse("1.222.0"), "confidence 40", List.of("rename x to y @everyone"), now);
  }

  Event testsFailed() {
    return Event.testsFailed(
        Version.parse("1.222.0"), "10 tests, 1 failed", "test_x failed", null, now);
  }

  @Test
  void eachEventIsSentOnceAcrossRuns() {
    assertThat(sendAll(config(), detected(), manual()))
        .containsExactly(Notifications.Delivery.SENT, Notifications.Delivery.SENT);
    assertThat(sendAll(config(), detected(), manual()))
        .containsExactly(Notifications.Delivery.ALREADY_SENT, Notifications.Delivery.ALREADY_SENT);
    assertThat(discord.bodies()).hasSize(2);
    assertThat(mail.getReceivedMessages()).isEmpty();
    assertThat(sent(config(), detected().key())).isTrue();
  }

  @Test
  void notifyOnChoosesTheEvents() {
    AutoUpdateConfig c = config().with("notify_on", List.of("manual"));
    assertThat(sendAll(c, detected(), manual()))
        .containsExactly(Notifications.Delivery.FILTERED, Notifications.Delivery.SENT);
    assertThat(discord.bodies()).hasSize(1);
    // Filtered is not sent: allowing it later sends it then.
    assertThat(send(config(), detected())).isEqualTo(Notifications.Delivery.SENT);
  }

  @Test
  void aDiscordServerErrorFallsBackToEmail() throws Exception {
    discord.failing(500, "{}");
    assertThat(send(config(), manual())).isEqualTo(Notifications.Delivery.SENT);
    assertThat(mail.waitForIncomingEmail(5000, 1)).isTrue();
    assertThat(mail.getReceivedMessages()[0].getSubject()).contains("needs a person");
    assertThat(log)
        .anySatisfy(l -> assertThat(l).contains("discord: Discord refused the message: HTTP 500"));
    // Sent by e-mail is sent: the next run does not try Discord again.
    discord.accepting();
    assertThat(send(config(), manual())).isEqualTo(Notifications.Delivery.ALREADY_SENT);
    assertThat(discord.bodies()).hasSize(1);
  }

  @Test
  void failuresGoToEmailFirstWhenItIsConfigured() throws Exception {
    assertThat(send(config(), testsFailed())).isEqualTo(Notifications.Delivery.SENT);
    assertThat(mail.waitForIncomingEmail(5000, 1)).isTrue();
    assertThat(discord.bodies()).isEmpty();
  }

  @Test
  void failuresGoToDiscordWithoutEmail() {
    AutoUpdateConfig noMail = config().with("smtp_host", null);
    assertThat(send(noMail, testsFailed())).isEqualTo(Notifications.Delivery.SENT);
    assertThat(discord.bodies()).hasSize(1);
  }

  @Test
  void whenEveryChannelFailsTheNextRunTriesAgain() {
    discord.failing(500, "{}");
    AutoUpdateConfig down = config();
    mail.stop();
    assertThat(send(down, detected())).isEqualTo(Notifications.Delivery.FAILED);
    mail.start();
    discord.accepting();
    AutoUpdateConfig again = config().with("smtp_port", mail.getSmtp().getPort());
    assertThat(send(again, detected())).isEqualTo(Notifications.Delivery.SENT);
    assertThat(send(again, detected())).isEqualTo(Notifications.Delivery.ALREADY_SENT);
  }

  @Test
  void withoutAChannelNothingIsSentNorRecorded() {
    AutoUpdateConfig none =
        config().with("smtp_host", null).with("discord_webhook_env", "UNSET_VAR");
    assertThat(send(none, detected())).isEqualTo(Notifications.Delivery.NO_CHANNEL);
    assertThat(send(config(), detected())).isEqualTo(Notifications.Delivery.SENT);
    assertThat(Notifications.off().send(detected())).isEqualTo(Notifications.Delivery.OFF);
  }

  @Test
  void digestModeSendsOneMessageADayOnTheFirstRunOfTheNextDay() throws Exception {
    AutoUpdateConfig digest = config().with("notify_mode", "digest");
    assertThat(sendAll(digest, detected(), manual(), testsFailed()))
        .containsOnly(Notifications.Delivery.QUEUED);
    assertThat(send(digest, manual())).isEqualTo(Notifications.Delivery.ALREADY_SENT);
    assertThat(flush(digest)).isEmpty();
    assertThat(discord.bodies()).isEmpty();

    now = now.plus(Duration.ofDays(1));
    assertThat(flush(digest))
        .hasValueSatisfying(l -> assertThat(l).contains("digest for 2026-12-03 sent via"));
    assertThat(flush(digest)).isEmpty();
    assertThat(send(digest, manual())).isEqualTo(Notifications.Delivery.ALREADY_SENT);
    // One message, by e-mail since a failure is in it, holding all three events.
    assertThat(mail.getReceivedMessages()).hasSize(1);
    String body = GreenMailUtil.getBody(mail.getReceivedMessages()[0]);
    assertThat(body)
        .contains("nautilus_trader 1.222.0 is out")
        .contains("needs a person")
        .contains("tests failed");
    assertThat(mail.getReceivedMessages()[0].getSubject())
        .contains("digest for 2026-12-03: 3 event(s)");
  }

  @Test
  void aDigestThatCannotBeSentIsKept() {
    AutoUpdateConfig digest = config().with("notify_mode", "digest").with("smtp_host", null);
    send(digest, detected());
    now = now.plus(Duration.ofDays(1));
    discord.failing(500, "{}");
    assertThat(flush(digest))
        .hasValueSatisfying(
            l -> assertThat(l).contains("not sent").contains("kept for the next run"));
    discord.accepting();
    assertThat(flush(digest)).isPresent();
    assertThat(discord.bodies()).hasSize(2);
    assertThat(discord.bodies().get(1).path("embeds")).hasSize(1);
  }

  @Test
  void noSecretReachesAMessageALogLineOrTheState() throws IOException {
    String leaky =
        "upstream said: token "
            + FakeDiscord.TOKEN
            + " url "
            + discord.url()
            + " password "
            + PASSWORD
            + " github "
            + GITHUB_TOKEN;
    Event crash = Event.crash(leaky, now).withField("where", discord.url()).withUrl(discord.url());
    // Discord fails echoing the token, e-mail delivers: both paths see the secrets.
    discord.failing(400, "{\"message\": \"bad webhook " + FakeDiscord.TOKEN + "\", \"code\": 1}");
    send(config(), crash);
    send(config(), detected().withDetail(leaky));
    send(config().with("notify_mode", "digest"), manual().withDetail(leaky));

    List<String> texts = new ArrayList<>(log);
    texts.addAll(discord.rawBodies());
    for (var m : mail.getReceivedMessages()) {
      texts.add(GreenMailUtil.getWholeMessage(m));
    }
    texts.add(stateBytes());
    assertThat(texts).isNotEmpty();
    assertThat(String.join("\n", texts))
        .contains(Secrets.MASK)
        .doesNotContain(FakeDiscord.TOKEN)
        .doesNotContain(PASSWORD)
        .doesNotContain(GITHUB_TOKEN)
        .doesNotContain(discord.url());
    assertThat(mail.getReceivedMessages()).isNotEmpty();
  }

  String stateBytes() throws IOException {
    StringBuilder sb = new StringBuilder();
    try (Stream<Path> files = Files.list(stateDir)) {
      for (Path f : files.toList()) {
        sb.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
      }
    }
    return sb.toString();
  }

  @Test
  void theTestCommandReportsEachChannelInOneLine() {
    discord.failing(404, "{\"message\": \"Unknown Webhook\", \"code\": 10015}");
    assertThat(testLines(config()))
        .containsExactly(
            "discord: failed: Discord refused the message: HTTP 404 (Unknown Webhook, code 10015)",
            "email: ok");
    // Not an event: nothing is recorded.
    assertThat(sent(config(), "test:test")).isFalse();
    AutoUpdateConfig none =
        config().with("smtp_host", null).with("discord_webhook_env", "UNSET_VAR");
    assertThat(testLines(none)).singleElement().asString().startsWith("no channel configured");
  }

  @Test
  void aWebhookVariableThatIsNoUrlIsReportedWithoutItsValue() {
    Map<String, String> env = env();
    env.put("DISCORD_WEBHOOK_URL", "not-a-url-" + FakeDiscord.TOKEN);
    try (StateDb db = StateDb.open(stateDir, clock)) {
      Notifications n = Notifications.from(config(), env, db, clock, log::add);
      assertThat(n.channels()).containsExactly("email");
    }
    assertThat(log)
        .containsExactly(
            "discord: the variable DISCORD_WEBHOOK_URL does not hold an http(s) webhook URL; Discord"
                + " is off");
  }

  @Test
  void notifyOnNamesKnownEventsOnly() {
    assertThat(EventType.selectable().stream().map(EventType::id).toList())
        .isEqualTo(AutoUpdateConfig.NOTIFY_EVENTS);
    assertThatThrownBy(() -> Notifications.enabledEvents(List.of("merged", "nope")))
        .isInstanceOf(UserError.class)
        .hasMessageStartingWith("notify_on: unknown event 'nope' (known: detected, pr-opened");
  }

  @Test
  void aCrashIsOneEventPerMessageAndDay() {
    Event a = Event.crash("boom", now);
    assertThat(Event.crash("boom", now.plusSeconds(3600)).key()).isEqualTo(a.key());
    assertThat(Event.crash("other", now).key()).isNotEqualTo(a.key());
    assertThat(Event.crash("boom", now.plus(Duration.ofDays(1))).key()).isNotEqualTo(a.key());
  }
}

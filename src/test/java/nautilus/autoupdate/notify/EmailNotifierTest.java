package nautilus.autoupdate.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.DummySSLSocketFactory;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real SMTP sessions with GreenMail on loopback: in clear, over SSL and upgraded by STARTTLS. */
class EmailNotifierTest {
  static final String PASSWORD = "pl4nted-SMTP-passw0rd-!";
  GreenMail mail;

  @BeforeEach
  void start() {
    mail =
        new GreenMail(
                new ServerSetup[] {
                  ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.SMTPS.dynamicPort()
                })
            .withConfiguration(
                GreenMailConfiguration.aConfig().withUser("bot@example.org", "bot", PASSWORD));
    mail.start();
  }

  @AfterEach
  void stop() {
    mail.stop();
  }

  EmailNotifier.Settings settings(int port, String security, String password) {
    return new EmailNotifier.Settings(
        "127.0.0.1",
        port,
        security,
        "bot",
        password,
        "bot@example.org",
        List.of("ops@example.org", "dev@example.org"),
        Duration.ofSeconds(10));
  }

  static Message message() {
    return Message.of(
        Event.testsFailed(
                nautilus.autoupdate.version.Version.parse("1.222.0"),
                "10 tests, 2 failed",
                "test_orders failed\r\nBcc: evil@example.org",
                "https://github.com/acme/strategies/pull/7",
                Instant.parse("2026-12-03T09:00:00Z"))
            .withField("note", "Renamed `x` to `y` @everyone"));
  }

  @Test
  void plainSmtpWithLoginDeliversToEveryRecipient() throws Exception {
    new EmailNotifier(settings(mail.getSmtp().getPort(), "none", PASSWORD)).send(message());
    assertThat(mail.waitForIncomingEmail(5000, 2)).isTrue();
    MimeMessage[] got = mail.getReceivedMessages();
    assertThat(got).hasSize(2);
    assertThat(got[0].getSubject())
        .isEqualTo("[nautilus-autoupdate] Update to 1.222.0: tests failed");
    String body = GreenMailUtil.getBody(got[0]);
    assertThat(body)
        .contains("test_orders failed")
        .contains("tests: 10 tests, 2 failed")
        .contains("link: https://github.com/acme/strategies/pull/7")
        .contains("event: tests-failed");
    // The CR/LF in the detail stays body text; it adds no header.
    assertThat(got[0].getHeader("Bcc")).isNull();
    assertThat(GreenMailUtil.getWholeMessage(got[0])).doesNotContain(PASSWORD);
  }

  @Test
  void implicitTlsDelivers() throws Exception {
    new EmailNotifier(
            settings(mail.getSmtps().getPort(), "ssl", PASSWORD), new DummySSLSocketFactory())
        .send(message());
    assertThat(mail.waitForIncomingEmail(5000, 2)).isTrue();
  }

  @Test
  void sslAgainstAServerWithAnUntrustedCertificateFailsInOneLine() {
    // The JVM's trust store does not know GreenMail's certificate: no silent trust-all.
    assertThatThrownBy(
            () ->
                new EmailNotifier(settings(mail.getSmtps().getPort(), "ssl", PASSWORD))
                    .send(message()))
        .isInstanceOf(NotifyException.class)
        .hasMessageStartingWith("e-mail via 127.0.0.1:" + mail.getSmtps().getPort() + " failed: ")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain(PASSWORD));
  }

  @Test
  void startTlsUpgradesBeforeLoggingIn() throws Exception {
    try (StartTlsFront front = new StartTlsFront(mail.getSmtp().getPort())) {
      new EmailNotifier(settings(front.port(), "starttls", PASSWORD), new DummySSLSocketFactory())
          .send(message());
      assertThat(mail.waitForIncomingEmail(5000, 2)).isTrue();
      assertThat(front.handshakes.get()).isEqualTo(1);
      assertThat(front.refusedInClear.get()).isZero();
    }
  }

  @Test
  void startTlsAgainstAServerThatDoesNotOfferItSendsNothingInClear() {
    // GreenMail's plain port offers no STARTTLS: the password must not go out unencrypted.
    assertThatThrownBy(
            () ->
                new EmailNotifier(
                        settings(mail.getSmtp().getPort(), "starttls", PASSWORD),
                        new DummySSLSocketFactory())
                    .send(message()))
        .isInstanceOf(NotifyException.class)
        .hasMessageContaining("STARTTLS");
    assertThat(mail.getReceivedMessages()).isEmpty();
  }

  @Test
  void aWrongPasswordIsOneLineWithoutThePassword() {
    String wrong = "wr0ng-pl4nted-password";
    assertThatThrownBy(
            () ->
                new EmailNotifier(settings(mail.getSmtp().getPort(), "none", wrong))
                    .send(message()))
        .isInstanceOf(NotifyException.class)
        .satisfies(
            e ->
                assertThat(e.getMessage())
                    .doesNotContain(wrong)
                    .doesNotContain(PASSWORD)
                    .doesNotContain("\n"));
    assertThat(mail.getReceivedMessages()).isEmpty();
  }

  @Test
  void anUnreachableServerIsOneLine() throws Exception {
    int port;
    try (var s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    assertThatThrownBy(() -> new EmailNotifier(settings(port, "none", PASSWORD)).send(message()))
        .isInstanceOf(NotifyException.class)
        .hasMessageStartingWith("e-mail via 127.0.0.1:" + port + " failed: ");
  }

  @Test
  void subjectsCarryNoLineBreaks() {
    Message m =
        Message.of(Event.of(EventType.CRASH, "x", "boom\r\nBcc: evil@example.org", Instant.EPOCH));
    assertThat(EmailNotifier.subject(m)).doesNotContain("\r").doesNotContain("\n");
  }
}

package nautilus.autoupdate.notify;

import jakarta.mail.Authenticator;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import javax.net.ssl.SSLSocketFactory;

/**
 * Sends messages as plain-text e-mail over SMTP (Angus Mail): {@code starttls} upgrades the
 * connection and refuses to go on without TLS, {@code ssl} speaks TLS from the first byte, {@code
 * none} sends in the clear. Server certificates are checked against the JVM's trust store and the
 * host name.
 */
public final class EmailNotifier implements Notifier {
  /** Where and how to deliver; {@code username} null means no login. */
  public record Settings(
      String host,
      int port,
      String security,
      String username,
      String password,
      String from,
      List<String> to,
      Duration timeout) {
    public Settings {
      to = List.copyOf(to);
    }
  }

  private final Settings s;
  private final SSLSocketFactory tlsForTests;

  public EmailNotifier(Settings settings) {
    this(settings, null);
  }

  /** With a socket factory that trusts a test server's certificate (no host-name check then). */
  EmailNotifier(Settings settings, SSLSocketFactory tlsForTests) {
    this.s = settings;
    this.tlsForTests = tlsForTests;
  }

  @Override
  public String channel() {
    return "email";
  }

  @Override
  public void send(Message message) {
    Session session = session();
    try {
      MimeMessage m = new MimeMessage(session);
      m.setFrom(new InternetAddress(s.from(), true));
      for (String to : s.to()) {
        m.addRecipient(RecipientType.TO, new InternetAddress(to, true));
      }
      m.setSubject(subject(message), "UTF-8");
      m.setText(body(message), "UTF-8");
      m.setSentDate(java.util.Date.from(Instant.now()));
      Transport.send(m);
    } catch (AddressException e) {
      throw new NotifyException("e-mail not sent: bad address (" + e.getRef() + ")", e);
    } catch (MessagingException e) {
      throw new NotifyException(
          "e-mail via " + s.host() + ":" + s.port() + " failed: " + oneLine(e), e);
    }
  }

  private Session session() {
    Properties p = new Properties();
    String proto = "smtp";
    p.put("mail.transport.protocol", proto);
    p.put("mail.smtp.host", s.host());
    p.put("mail.smtp.port", Integer.toString(s.port()));
    String ms = Long.toString(s.timeout().toMillis());
    p.put("mail.smtp.connectiontimeout", ms);
    p.put("mail.smtp.timeout", ms);
    p.put("mail.smtp.writetimeout", ms);
    switch (s.security()) {
      case "ssl" -> p.put("mail.smtp.ssl.enable", "true");
      case "starttls" -> {
        p.put("mail.smtp.starttls.enable", "true");
        // Without this a server that does not offer STARTTLS would get the password in clear.
        p.put("mail.smtp.starttls.required", "true");
      }
      case "none" -> {}
      default -> throw new NotifyException("smtp_security must be starttls, ssl or none");
    }
    if (!"none".equals(s.security())) {
      p.put("mail.smtp.ssl.checkserveridentity", tlsForTests == null ? "true" : "false");
      if (tlsForTests != null) {
        p.put("mail.smtp.ssl.socketFactory", tlsForTests);
      }
    }
    Authenticator auth = null;
    if (s.username() != null && !s.username().isEmpty()) {
      p.put("mail.smtp.auth", "true");
      String user = s.username();
      String password = s.password() == null ? "" : s.password();
      auth =
          new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
              return new PasswordAuthentication(user, password);
            }
          };
    }
    return Session.getInstance(p, auth);
  }

  static String subject(Message m) {
    // Header text: no line breaks (a header injection), nothing past a sane length.
    String subject = "[nautilus-autoupdate] " + m.subject().replaceAll("[\\p{Cntrl}]+", " ");
    return subject.length() > 200 ? subject.substring(0, 199) + "…" : subject;
  }

  static String body(Message m) {
    StringBuilder sb = new StringBuilder();
    if (m.heading() != null) {
      sb.append(m.heading()).append("\n\n");
    }
    for (Event e : m.events()) {
      if (m.events().size() > 1) {
        sb.append("== ").append(e.title()).append('\n');
      }
      if (!e.detail().isEmpty()) {
        sb.append(e.detail().strip()).append("\n\n");
      }
      for (Event.Field f : e.fields()) {
        sb.append(f.name()).append(": ").append(f.value()).append('\n');
      }
      if (e.url() != null) {
        sb.append("link: ").append(e.url()).append('\n');
      }
      sb.append("event: ").append(e.type().id());
      if (e.at() != null) {
        sb.append(" at ").append(e.at());
      }
      sb.append("\n\n");
    }
    sb.append("-- \nsent by nautilus-autoupdate\n");
    return sb.toString().replaceAll("[\\p{Cntrl}&&[^\\n\\t]]", "");
  }

  private static String oneLine(Exception e) {
    Throwable t = e;
    String msg = e.getMessage();
    // The innermost cause says what went wrong (refused, timed out, bad certificate).
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
      if (t.getMessage() != null) {
        msg = t.getClass().getSimpleName() + ": " + t.getMessage();
      }
    }
    msg = msg == null ? e.getClass().getSimpleName() : msg;
    msg = msg.replaceAll("\\s+", " ").strip();
    return msg.length() > 300 ? msg.substring(0, 300) + "…" : msg;
  }
}

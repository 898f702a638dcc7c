package nautilus.autoupdate.notify;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import nautilus.autoupdate.Json;

/**
 * Posts messages to a Discord webhook. A 429 is waited out as its {@code retry_after} says, a few
 * times at most; any other refusal is one line with Discord's own reason. The webhook URL is a
 * secret (it carries the token), so no message of this class ever contains it.
 */
public final class DiscordNotifier implements Notifier {
  /** How many times a 429 is waited out before the message counts as failed. */
  static final int MAX_RETRIES = 3;

  /** The longest single wait a 429 may ask for; a longer one fails at once (e-mail takes over). */
  static final Duration MAX_WAIT = Duration.ofSeconds(30);

  /** Waits; a seam so the 429 tests need not sleep. */
  interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  private final URI webhook;
  private final HttpClient http;
  private final Duration timeout;
  private final Sleeper sleeper;

  DiscordNotifier(URI webhook, Duration timeout, Sleeper sleeper) {
    this.webhook = webhook;
    this.timeout = timeout;
    this.sleeper = sleeper;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  public static DiscordNotifier of(URI webhook, Duration timeout) {
    return new DiscordNotifier(webhook, timeout, d -> Thread.sleep(d.toMillis()));
  }

  @Override
  public String channel() {
    return "discord";
  }

  @Override
  public void send(Message message) {
    byte[] body = Json.compactBytes(DiscordPayload.build(message));
    HttpRequest req =
        HttpRequest.newBuilder(webhook)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("User-Agent", "nautilus-autoupdate")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    for (int attempt = 0; ; attempt++) {
      HttpResponse<String> r;
      try {
        r = http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      } catch (IOException e) {
        // The JDK's messages name the host at most, never the path that holds the token.
        throw new NotifyException(
            "Discord webhook unreachable (" + e.getClass().getSimpleName() + ")", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new NotifyException("interrupted while posting to Discord", e);
      }
      int code = r.statusCode();
      if (code >= 200 && code < 300) {
        return;
      }
      if (code == 429) {
        Duration wait = retryAfter(r);
        if (attempt >= MAX_RETRIES) {
          throw new NotifyException(
              "Discord rate-limited the webhook " + (attempt + 1) + " times; giving up");
        }
        if (wait.compareTo(MAX_WAIT) > 0) {
          throw new NotifyException(
              "Discord rate-limited the webhook for " + wait.toSeconds() + " s; not waiting");
        }
        try {
          sleeper.sleep(wait);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new NotifyException("interrupted while waiting out Discord's rate limit", e);
        }
        continue;
      }
      throw new NotifyException("Discord refused the message: HTTP " + code + reason(r.body()));
    }
  }

  /** {@code retry_after} from the body (seconds, may be fractional), else the header, else 1 s. */
  static Duration retryAfter(HttpResponse<String> r) {
    try {
      JsonNode n = Json.mapper().readTree(r.body() == null ? "" : r.body());
      if (n != null && n.path("retry_after").isNumber()) {
        return Duration.ofMillis(Math.max(0, (long) (n.path("retry_after").asDouble() * 1000)));
      }
    } catch (IOException e) {
      // fall through to the header
    }
    return r.headers()
        .firstValue("Retry-After")
        .flatMap(
            h -> {
              try {
                return java.util.Optional.of(
                    Duration.ofMillis((long) (Double.parseDouble(h.strip()) * 1000)));
              } catch (NumberFormatException e) {
                return java.util.Optional.empty();
              }
            })
        .orElse(Duration.ofSeconds(1));
  }

  /** Discord's {@code message} and {@code code}, one line, short; nothing else of the body. */
  private static String reason(String body) {
    try {
      JsonNode n = Json.mapper().readTree(body == null ? "" : body);
      if (n != null && n.hasNonNull("message")) {
        String msg = n.path("message").asText().replaceAll("\\s+", " ").strip();
        if (msg.length() > 200) {
          msg = msg.substring(0, 200) + "…";
        }
        return " (" + msg + (n.has("code") ? ", code " + n.path("code").asText() : "") + ")";
      }
    } catch (IOException e) {
      // not JSON: say nothing of it
    }
    return "";
  }
}

package nautilus.autoupdate.notify;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import nautilus.autoupdate.BoundedHttp;
import nautilus.autoupdate.Json;
import nautilus.autoupdate.UserError;

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
  private final BoundedHttp http;
  private final Sleeper sleeper;

  DiscordNotifier(URI webhook, Duration timeout, Sleeper sleeper) {
    this(webhook, BoundedHttp.Limits.standard(timeout), sleeper);
  }

  DiscordNotifier(URI webhook, BoundedHttp.Limits limits, Sleeper sleeper) {
    this.webhook = webhook;
    this.sleeper = sleeper;
    // No redirects at all: the URL is the secret. The deadline and the body cap still apply.
    this.http =
        new BoundedHttp(
            new BoundedHttp.Limits(limits.timeout(), limits.deadline(), limits.maxBodyBytes(), 0));
  }

  /** With the configured http_timeout_seconds, http_deadline_seconds and max_body_mb. */
  public static DiscordNotifier of(URI webhook, BoundedHttp.Limits limits) {
    return new DiscordNotifier(webhook, limits, d -> Thread.sleep(d.toMillis()));
  }

  @Override
  public String channel() {
    return "discord";
  }

  @Override
  public void send(Message message) {
    byte[] body = Json.compactBytes(DiscordPayload.build(message));
    Map<String, String> headers =
        Map.of("Content-Type", "application/json", "User-Agent", "nautilus-autoupdate");
    for (int attempt = 0; ; attempt++) {
      BoundedHttp.Reply r;
      try {
        r =
            http.send(
                "POST",
                webhook,
                headers,
                body,
                http.limits().timeout(),
                http.limits().maxBodyBytes());
      } catch (UserError e) {
        // A limit: its message names the URL, which holds the token; keep only the reason.
        throw new NotifyException("Discord webhook: " + withoutUrl(e.getMessage()));
      } catch (IOException e) {
        // The JDK's messages name the host at most, never the path that holds the token.
        throw new NotifyException(
            "Discord webhook unreachable (" + e.getClass().getSimpleName() + ")", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new NotifyException("interrupted while posting to Discord", e);
      }
      int code = r.status();
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
      throw new NotifyException("Discord refused the message: HTTP " + code + reason(r.text()));
    }
  }

  /** What follows the URL in a limit's message ("no complete answer within 300 s (...)"). */
  private String withoutUrl(String message) {
    String url = webhook.toString();
    int at = message.indexOf(url);
    String rest = at < 0 ? "" : message.substring(at + url.length()).replaceFirst("^:\\s*", "");
    return rest.isBlank() || rest.contains(webhook.getPath()) ? "request failed" : rest;
  }

  /** {@code retry_after} from the body (seconds, may be fractional), else the header, else 1 s. */
  static Duration retryAfter(BoundedHttp.Reply r) {
    try {
      JsonNode n = Json.mapper().readTree(r.text());
      if (n != null && n.path("retry_after").isNumber()) {
        return Duration.ofMillis(Math.max(0, (long) (n.path("retry_after").asDouble() * 1000)));
      }
    } catch (IOException e) {
      // fall through to the header
    }
    return r.header("Retry-After")
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

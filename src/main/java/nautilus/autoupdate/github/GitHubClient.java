package nautilus.autoupdate.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nautilus.autoupdate.BoundedHttp;
import nautilus.autoupdate.Json;
import nautilus.autoupdate.NetworkFault;
import nautilus.autoupdate.UserError;

/**
 * The GitHub REST API with the manners it asks for: a timeout on every call, {@code Retry-After}
 * and {@code x-ratelimit-*} honored (waiting when the wait is short, else a clear error), 5xx and
 * network errors retried with backoff. The token is sent, never printed, and only to the configured
 * API's host: a redirect elsewhere drops it ({@link BoundedHttp}).
 */
public final class GitHubClient {
  /** Pauses between attempts; tests pass one that records instead of sleeping. */
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  /** One response: status and parsed JSON body (missing node when empty). */
  public record Response(int status, JsonNode body) {}

  private static final int ATTEMPTS = 4;
  private static final Duration MAX_RATE_LIMIT_WAIT = Duration.ofSeconds(90);

  private final BoundedHttp http;
  private final URI base;
  private final String token;
  private final Duration timeout;
  private final Sleeper sleeper;
  private final Clock clock;

  public GitHubClient(
      BoundedHttp http, URI base, String token, Duration timeout, Sleeper sleeper, Clock clock) {
    this.http = http;
    String b = base.toString();
    this.base = URI.create(b.endsWith("/") ? b.substring(0, b.length() - 1) : b);
    this.token = token;
    this.timeout = timeout;
    this.sleeper = sleeper;
    this.clock = clock;
  }

  /** A client with the default limits and real sleeping. */
  public static GitHubClient create(URI base, String token, Duration timeout) {
    return create(base, token, BoundedHttp.Limits.standard(timeout));
  }

  /** A client with the configured limits and real sleeping. */
  public static GitHubClient create(URI base, String token, BoundedHttp.Limits limits) {
    return new GitHubClient(
        new BoundedHttp(limits),
        base,
        token,
        limits.timeout(),
        d -> Thread.sleep(d.toMillis()),
        Clock.systemUTC());
  }

  public JsonNode get(String path) {
    return expectOk("GET", path, null).body();
  }

  /**
   * Every item of a listing, page by page at 100 a page, up to {@code maxPages}: {@code field}
   * names the array of an object body ({@code check_runs}), null when the body is the array.
   * Missing one {@code /hold} on page two would merge what a person stopped, so one page is not
   * enough.
   */
  public List<JsonNode> getAll(String path, String field, int maxPages) {
    List<JsonNode> items = new ArrayList<>();
    String sep = path.contains("?") ? "&" : "?";
    for (int page = 1; page <= maxPages; page++) {
      JsonNode body = get(path + sep + "per_page=100&page=" + page);
      JsonNode list = field == null ? body : body.path(field);
      list.forEach(items::add);
      if (list.size() < 100) {
        break;
      }
    }
    return items;
  }

  public JsonNode post(String path, Object body) {
    return expectOk("POST", path, body).body();
  }

  public JsonNode patch(String path, Object body) {
    return expectOk("PATCH", path, body).body();
  }

  /**
   * A GraphQL call; its endpoint is beside the REST base: {@code https://api.github.com/graphql},
   * or {@code https://host/api/graphql} for GitHub Enterprise's {@code https://host/api/v3}.
   */
  public JsonNode postGraphQl(Object body) {
    String b = base.toString();
    String graphql =
        b.endsWith("/v3") ? b.substring(0, b.length() - 3) + "/graphql" : b + "/graphql";
    return new GitHubClient(http, URI.create(graphql), token, timeout, sleeper, clock)
        .expectOk("POST", "", body)
        .body();
  }

  public void delete(String path) {
    Response r = send("DELETE", path, null);
    if (r.status() != 404 && r.status() / 100 != 2) {
      throw failure("DELETE", path, r);
    }
  }

  private Response expectOk(String method, String path, Object body) {
    Response r = send(method, path, body);
    if (r.status() / 100 != 2) {
      throw failure(method, path, r);
    }
    return r;
  }

  /** A {@link GitHubFault} for a 5xx or no response (worth trying later), else a refusal. */
  UserError failure(String method, String path, Response r) {
    String message = r.body().path("message").asText("");
    JsonNode errors = r.body().path("errors");
    String detail =
        errors.isArray() && errors.size() > 0 ? errors.get(0).path("message").asText("") : "";
    String text =
        method
            + " "
            + base
            + path
            + ": HTTP "
            + r.status()
            + (message.isEmpty() ? "" : " " + message)
            + (detail.isEmpty() ? "" : " (" + detail + ")");
    return r.status() >= 500 || r.status() == 0
        ? new GitHubFault(r.status(), text)
        : new GitHubError(r.status(), text);
  }

  /**
   * Sends one call, retrying what is worth retrying; returns the final response whatever its
   * status, so callers can react to 404 or 422 themselves.
   */
  public Response send(String method, String path, Object body) {
    URI uri = URI.create(base + path);
    Map<String, String> headers = headers(body);
    byte[] payload = payload(body);
    for (int attempt = 1; ; attempt++) {
      BoundedHttp.Reply resp;
      try {
        resp = http.send(method, uri, headers, payload, timeout, http.limits().maxBodyBytes());
      } catch (NetworkFault e) {
        // The deadline passed: the network's fault, worth a later try.
        throw new GitHubFault(0, e.getMessage());
      } catch (UserError e) {
        // A limit or a refused redirect: retrying would meet it again.
        throw new GitHubError(0, e.getMessage());
      } catch (IOException e) {
        if (attempt >= ATTEMPTS) {
          throw new GitHubFault(
              0,
              method
                  + " "
                  + base
                  + path
                  + ": no response ("
                  + e.getClass().getSimpleName()
                  + (e.getMessage() == null ? "" : ": " + e.getMessage())
                  + ")");
        }
        pause(backoff(attempt));
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new GitHubError(0, method + " " + base + path + ": interrupted");
      }
      Response r = new Response(resp.status(), parse(resp.text()));
      Optional<Duration> rateWait = rateLimitWait(resp);
      if (rateWait.isPresent() && attempt < ATTEMPTS) {
        if (rateWait.get().compareTo(MAX_RATE_LIMIT_WAIT) > 0) {
          throw new GitHubFault(
              r.status(),
              method
                  + " "
                  + base
                  + path
                  + ": GitHub rate limit reached; it resets in "
                  + rateWait.get().toMinutes()
                  + " min, run again later");
        }
        pause(rateWait.get());
        continue;
      }
      if (r.status() >= 500 && attempt < ATTEMPTS) {
        pause(backoff(attempt));
        continue;
      }
      return r;
    }
  }

  private Map<String, String> headers(Object body) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Accept", "application/vnd.github+json");
    h.put("X-GitHub-Api-Version", "2022-11-28");
    h.put("User-Agent", "nautilus-autoupdate");
    if (token != null && !token.isBlank()) {
      h.put("Authorization", "Bearer " + token);
    }
    if (body != null) {
      h.put("Content-Type", "application/json");
    }
    return h;
  }

  private static byte[] payload(Object body) {
    if (body == null) {
      return null;
    }
    try {
      return Json.mapper().writeValueAsBytes(body);
    } catch (IOException e) {
      throw new IllegalArgumentException("request body not serializable", e);
    }
  }

  /** How long GitHub asks us to wait, when this response is a rate-limit refusal. */
  Optional<Duration> rateLimitWait(BoundedHttp.Reply resp) {
    int s = resp.status();
    if (s != 403 && s != 429) {
      return Optional.empty();
    }
    Optional<String> retryAfter = resp.header("retry-after");
    if (retryAfter.isPresent()) {
      try {
        return Optional.of(
            Duration.ofSeconds(Math.max(0, Long.parseLong(retryAfter.get().trim()))));
      } catch (NumberFormatException e) {
        return Optional.of(Duration.ofSeconds(60));
      }
    }
    boolean exhausted = resp.header("x-ratelimit-remaining").map("0"::equals).orElse(false);
    if (!exhausted) {
      return s == 429 ? Optional.of(Duration.ofSeconds(60)) : Optional.empty();
    }
    long reset = 0;
    try {
      reset = Long.parseLong(resp.header("x-ratelimit-reset").orElse("0").trim());
    } catch (NumberFormatException e) {
      // An unreadable reset time: wait the minimum below.
    }
    long wait = reset - Instant.now(clock).getEpochSecond();
    return Optional.of(Duration.ofSeconds(Math.max(1, wait)));
  }

  private static Duration backoff(int attempt) {
    return Duration.ofMillis(500L << (attempt - 1));
  }

  private void pause(Duration d) {
    try {
      sleeper.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GitHubError(0, "interrupted while waiting to retry GitHub");
    }
  }

  private static JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      return MissingNode.getInstance();
    }
    try {
      return Json.mapper().readTree(body);
    } catch (IOException e) {
      return MissingNode.getInstance();
    }
  }
}

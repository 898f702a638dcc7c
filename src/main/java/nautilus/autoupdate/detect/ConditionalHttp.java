package nautilus.autoupdate.detect;

import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import nautilus.autoupdate.BoundedHttp;
import nautilus.autoupdate.NetworkFault;
import nautilus.autoupdate.UserError;
import nautilus.autoupdate.state.CachedResponse;
import nautilus.autoupdate.state.StateDb;

/**
 * The one HTTP helper of the detect stage. Every GET is conditional when the state database holds
 * validators for the URL (so an unchanged poll costs a 304 and no GitHub rate limit), carries the
 * GitHub token only to the GitHub API, honors rate-limit headers, and retries 5xx answers and
 * timeouts with exponential backoff. A body is cached only after its parser accepted it, so a
 * truncated answer never poisons the cache.
 */
public final class ConditionalHttp {

  /** How patient to be: attempts for 5xx/timeouts, the first backoff, the longest rate wait. */
  public record Policy(
      int attempts, Duration firstBackoff, Duration maxRateLimitWait, Duration timeout) {
    public static Policy standard(Duration timeout) {
      return new Policy(3, Duration.ofSeconds(2), Duration.ofSeconds(60), timeout);
    }
  }

  /** A parsed answer; {@code value} is null when the server answered 404. */
  public record Fetched<T>(T value, boolean notModified, int status) {}

  /** Counts of this helper's requests, for verbose output and tests. */
  public record Stats(int requests, int conditional, int notModified) {}

  /** The server asked us to stop for longer than we wait; the caller skips this source. */
  public static final class RateLimited extends NetworkFault {
    private static final long serialVersionUID = 1L;

    RateLimited(String message) {
      super(message);
    }
  }

  private final HttpTransport transport;
  private final StateDb state;
  private final Clock clock;
  private final Policy policy;
  private final String githubApiUrl;
  private final String githubToken;
  private int requests;
  private int conditional;
  private int notModified;

  /**
   * @param githubToken the value of GITHUB_TOKEN or null; sent only to {@code githubApiUrl}
   */
  public ConditionalHttp(
      HttpTransport transport,
      StateDb state,
      Clock clock,
      Policy policy,
      String githubApiUrl,
      String githubToken) {
    this.transport = transport;
    this.state = state;
    this.clock = clock;
    this.policy = policy;
    this.githubApiUrl = githubApiUrl;
    this.githubToken = githubToken == null || githubToken.isBlank() ? null : githubToken;
  }

  public Stats stats() {
    return new Stats(requests, conditional, notModified);
  }

  /**
   * GETs {@code url} and parses the body (or the cached body on 304).
   *
   * @throws UserError naming the URL on HTTP errors and malformed bodies; a {@link NetworkFault} on
   *     timeouts, failed connections and 5xx after the retries
   * @throws RateLimited when the server's rate limit resets later than the policy waits
   */
  public <T> Fetched<T> get(String url, String accept, Function<String, T> parser) {
    Optional<CachedResponse> cached = state.cached(url);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Accept", accept);
    cached.ifPresent(
        c -> {
          if (c.etag() != null) {
            headers.put("If-None-Match", c.etag());
          }
          if (c.lastModified() != null) {
            headers.put("If-Modified-Since", c.lastModified());
          }
        });
    if (githubToken != null && BoundedHttp.isUnder(url, githubApiUrl)) {
      headers.put("Authorization", "Bearer " + githubToken);
    }
    HttpTransport.Reply reply = send(url, headers);
    int status = reply.status();
    if (status == 304 && cached.isPresent()) {
      notModified++;
      return new Fetched<>(parser.apply(cached.get().body()), true, 304);
    }
    if (status == 404) {
      return new Fetched<>(null, false, 404);
    }
    if (status < 200 || status >= 300) {
      throw new UserError("GET " + url + " answered HTTP " + status + " (expected 200)");
    }
    T value = parser.apply(reply.body());
    state.storeCached(
        new CachedResponse(
            url,
            reply.header("etag").orElse(null),
            reply.header("last-modified").orElse(null),
            reply.body(),
            clock.instant()));
    return new Fetched<>(value, false, status);
  }

  private HttpTransport.Reply send(String url, Map<String, String> headers) {
    Duration backoff = policy.firstBackoff();
    boolean waitedForRateLimit = false;
    for (int attempt = 1; ; attempt++) {
      String problem;
      try {
        requests++;
        if (headers.containsKey("If-None-Match") || headers.containsKey("If-Modified-Since")) {
          conditional++;
        }
        HttpTransport.Reply r = transport.get(url, headers, policy.timeout());
        Optional<Duration> wait = rateLimitWait(r);
        if (wait.isPresent()) {
          if (waitedForRateLimit || wait.get().compareTo(policy.maxRateLimitWait()) > 0) {
            throw new RateLimited(
                "rate limit of "
                    + url
                    + " reached (HTTP "
                    + r.status()
                    + ", resets in "
                    + wait.get().toSeconds()
                    + "s): skipping this source for this run"
                    + (githubToken == null && BoundedHttp.isUnder(url, githubApiUrl)
                        ? "; set GITHUB_TOKEN for a higher limit"
                        : ""));
          }
          waitedForRateLimit = true;
          pause(wait.get());
          attempt--;
          continue;
        }
        if (r.status() < 500) {
          return r;
        }
        problem = "HTTP " + r.status();
      } catch (HttpTimeoutException e) {
        problem = "no answer within " + policy.timeout().toMillis() + " ms";
      } catch (IOException e) {
        problem =
            "connection failed ("
                + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                + ")";
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UserError("interrupted while fetching " + url, e);
      }
      if (attempt >= policy.attempts()) {
        throw new NetworkFault("GET " + url + " failed after " + attempt + " attempts: " + problem);
      }
      pause(backoff);
      backoff = backoff.multipliedBy(2);
    }
  }

  /** How long the server asks us to wait (403/429 with Retry-After or an exhausted quota). */
  private Optional<Duration> rateLimitWait(HttpTransport.Reply r) {
    if (r.status() != 403 && r.status() != 429) {
      return Optional.empty();
    }
    Optional<String> retryAfter = r.header("retry-after");
    if (retryAfter.isPresent() && retryAfter.get().trim().matches("\\d+")) {
      return Optional.of(Duration.ofSeconds(Long.parseLong(retryAfter.get().trim())));
    }
    boolean exhausted =
        r.header("x-ratelimit-remaining").map(v -> v.trim().equals("0")).orElse(false);
    Optional<String> reset = r.header("x-ratelimit-reset");
    if (exhausted && reset.isPresent() && reset.get().trim().matches("\\d+")) {
      Instant at = Instant.ofEpochSecond(Long.parseLong(reset.get().trim()));
      Duration d = Duration.between(clock.instant(), at);
      return Optional.of(d.isNegative() ? Duration.ZERO : d);
    }
    if (r.status() == 429 || exhausted) {
      return Optional.of(policy.maxRateLimitWait().plusSeconds(1));
    }
    return Optional.empty();
  }

  private static void pause(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserError("interrupted while waiting to retry", e);
    }
  }
}

package nautilus.autoupdate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one HTTP exchange of every client in the tool (GitHub API, version sources, package index,
 * wheels). Three things the JDK client does not do on its own:
 *
 * <ul>
 *   <li>Redirects are followed here, not by the JDK: credentials ({@code Authorization}, {@code
 *       Proxy-Authorization}, {@code Cookie}) go only to the origin (scheme, host, port) the caller
 *       addressed, so a redirect elsewhere loses them, and one from https to plain http with
 *       credentials fails.
 *   <li>A total deadline covers headers, body and redirects: a server trickling a byte every few
 *       seconds ends, where the JDK's request timeout stops at the headers.
 *   <li>A body cap: a larger answer fails before it is held in memory.
 * </ul>
 *
 * Limit breaches are {@link UserError}s naming the URL (the deadline a {@link NetworkFault});
 * connection errors and header timeouts stay {@link IOException}s (a {@link
 * java.net.http.HttpTimeoutException} for the latter) so callers keep their own retry rules.
 */
public final class BoundedHttp {
  /** No body cap (range reads and distribution files, which are bounded by the index's sizes). */
  public static final long UNCAPPED = Long.MAX_VALUE;

  private static final Set<String> CREDENTIALS =
      Set.of("authorization", "proxy-authorization", "cookie");
  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
  private static final long MB = 1024L * 1024L;

  /**
   * @param timeout connect timeout, and how long to wait for the response headers
   * @param deadline total time of one request, its redirects and its whole body
   * @param maxBodyBytes largest body read (unless a call asks for {@link #UNCAPPED})
   * @param maxRedirects redirects followed before giving up
   */
  public record Limits(Duration timeout, Duration deadline, long maxBodyBytes, int maxRedirects) {
    /** The configured limits: http_timeout_seconds, http_deadline_seconds, max_body_mb. */
    public static Limits of(int timeoutSeconds, int deadlineSeconds, int maxBodyMb) {
      return new Limits(
          Duration.ofSeconds(Math.max(1, timeoutSeconds)),
          Duration.ofSeconds(Math.max(1, deadlineSeconds)),
          Math.max(1, maxBodyMb) * MB,
          10);
    }

    /** The default deadline (300 s) and cap (64 MB) with the given timeout. */
    public static Limits standard(Duration timeout) {
      return new Limits(timeout, Duration.ofSeconds(300), 64 * MB, 10);
    }
  }

  /** One final answer: status, headers (lower-case names) and the whole body. */
  public record Reply(int status, Map<String, List<String>> headers, byte[] body) {
    public Optional<String> header(String name) {
      List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
      return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final HttpClient client;
  private final Limits limits;

  public BoundedHttp(Limits limits) {
    this(limits, null);
  }

  /** With {@code ssl} (null: the JDK's default); tests trust a loopback server's certificate. */
  BoundedHttp(Limits limits, javax.net.ssl.SSLContext ssl) {
    this.limits = limits;
    HttpClient.Builder builder = HttpClient.newBuilder();
    if (ssl != null) {
      builder.sslContext(ssl);
    }
    this.client =
        builder
            .connectTimeout(limits.timeout())
            // h2c upgrade on plain http stalls some servers (and mirrors); HTTP/1.1 is enough here.
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  public Limits limits() {
    return limits;
  }

  /** A GET with the configured timeout and body cap. */
  public Reply get(URI uri, Map<String, String> headers) throws IOException, InterruptedException {
    return send("GET", uri, headers, null, limits.timeout(), limits.maxBodyBytes());
  }

  /**
   * Sends one request and follows its redirects; any final status is returned.
   *
   * @param body the request body, or null for none
   * @param headerTimeout how long to wait for each response's headers
   * @param maxBody the body cap of this call ({@link #UNCAPPED}: none)
   * @throws UserError naming the URL when a limit is reached or a redirect is refused
   */
  public Reply send(
      String method,
      URI uri,
      Map<String, String> headers,
      byte[] body,
      Duration headerTimeout,
      long maxBody)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + limits.deadline().toNanos();
    Map<String, String> h = new LinkedHashMap<>(headers);
    boolean withCredentials = h.keySet().stream().anyMatch(BoundedHttp::isCredential);
    URI current = uri;
    String m = method;
    byte[] b = body;
    for (int hop = 0; ; hop++) {
      Reply r = once(m, current, h, b, headerTimeout, maxBody, deadline, uri);
      Optional<String> location = r.header("location");
      if (!REDIRECTS.contains(r.status()) || location.isEmpty()) {
        return r;
      }
      if (hop >= limits.maxRedirects()) {
        throw new UserError(
            method + " " + shown(uri) + ": more than " + limits.maxRedirects() + " redirects");
      }
      URI next;
      try {
        next = current.resolve(location.get().strip());
      } catch (IllegalArgumentException e) {
        throw new UserError(method + " " + shown(uri) + ": redirected to an invalid location", e);
      }
      String scheme = String.valueOf(next.getScheme()).toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https") || next.getHost() == null) {
        throw new UserError(method + " " + shown(uri) + ": redirected to an unusable location");
      }
      if (withCredentials
          && "https".equalsIgnoreCase(current.getScheme())
          && scheme.equals("http")) {
        throw new UserError(
            method
                + " "
                + shown(uri)
                + ": redirected from https to plain http ("
                + origin(next)
                + "); refusing to follow it with credentials");
      }
      if (!sameOrigin(next, uri)) {
        // The token is for the host the caller addressed, never for where that host points.
        h.keySet().removeIf(BoundedHttp::isCredential);
      }
      boolean keepsMethod = r.status() == 307 || r.status() == 308;
      if (!keepsMethod && !m.equals("HEAD")) {
        m = "GET";
        b = null;
        h.keySet().removeIf(k -> k.equalsIgnoreCase("content-type"));
      }
      current = next;
    }
  }

  /** Whether both URIs have the same scheme, host and port (default ports filled in). */
  public static boolean sameOrigin(URI a, URI b) {
    return origin(a).equals(origin(b));
  }

  /** {@code url} lies on {@code base}'s origin and under its path: the token may go there. */
  public static boolean isUnder(String url, String base) {
    if (url == null || base == null) {
      return false;
    }
    try {
      return url.startsWith(base) && sameOrigin(URI.create(url), URI.create(base));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The URI for messages: without a {@code user:password@} part. */
  static String shown(URI u) {
    if (u.getRawUserInfo() == null) {
      return u.toString();
    }
    return u.toString().replace(u.getRawUserInfo() + "@", "");
  }

  private static String origin(URI u) {
    String scheme = String.valueOf(u.getScheme()).toLowerCase(Locale.ROOT);
    int port = u.getPort();
    if (port < 0) {
      port = scheme.equals("https") ? 443 : scheme.equals("http") ? 80 : -1;
    }
    return scheme + "://" + String.valueOf(u.getHost()).toLowerCase(Locale.ROOT) + ":" + port;
  }

  private static boolean isCredential(String header) {
    return CREDENTIALS.contains(header.toLowerCase(Locale.ROOT));
  }

  private Reply once(
      String method,
      URI uri,
      Map<String, String> headers,
      byte[] body,
      Duration headerTimeout,
      long maxBody,
      long deadline,
      URI asked)
      throws IOException, InterruptedException {
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      throw deadlineReached(method, asked);
    }
    HttpRequest.Builder rb =
        HttpRequest.newBuilder(uri)
            .timeout(min(headerTimeout, Duration.ofNanos(left)))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(rb::header);
    Capped[] sink = new Capped[1];
    HttpResponse.BodyHandler<byte[]> handler =
        info -> {
          long length = info.headers().firstValueAsLong("content-length").orElse(-1);
          sink[0] = new Capped(maxBody, length > maxBody);
          return sink[0];
        };
    CompletableFuture<HttpResponse<byte[]>> f = client.sendAsync(rb.build(), handler);
    HttpResponse<byte[]> resp;
    try {
      resp = f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      abort(f, sink[0]);
      throw deadlineReached(method, asked);
    } catch (InterruptedException e) {
      abort(f, sink[0]);
      throw e;
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      while (c instanceof CompletionException && c.getCause() != null) {
        c = c.getCause();
      }
      if (c instanceof BodyTooLarge) {
        throw new UserError(
            method
                + " "
                + shown(asked)
                + ": the answer is larger than "
                + Math.max(1, maxBody / MB)
                + " MB (max_body_mb)");
      }
      if (c instanceof IOException io) {
        throw io;
      }
      if (c instanceof RuntimeException re) {
        throw re;
      }
      throw new IOException(c);
    }
    Map<String, List<String>> lower = new HashMap<>();
    resp.headers().map().forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
    return new Reply(resp.statusCode(), lower, resp.body());
  }

  private UserError deadlineReached(String method, URI uri) {
    return new NetworkFault(
        method
            + " "
            + shown(uri)
            + ": no complete answer within "
            + limits.deadline().toSeconds()
            + " s (http_deadline_seconds)");
  }

  private static void abort(CompletableFuture<?> f, Capped sink) {
    f.cancel(true);
    if (sink != null) {
      sink.cancel();
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** The body grew past the cap; the request is abandoned. */
  private static final class BodyTooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    BodyTooLarge() {
      super("body too large");
    }
  }

  /** Collects a body up to a cap; past it, cancels the stream instead of buffering on. */
  private static final class Capped implements HttpResponse.BodySubscriber<byte[]> {
    private final long max;
    private final boolean refuse;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private volatile Flow.Subscription subscription;
    private long size;

    Capped(long max, boolean refuse) {
      this.max = max;
      this.refuse = refuse;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      if (refuse) {
        // The announced length is already too large: do not read a byte of it.
        s.cancel();
        result.completeExceptionally(new BodyTooLarge());
        return;
      }
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      if (result.isDone()) {
        return;
      }
      for (ByteBuffer bb : items) {
        size += bb.remaining();
        if (size > max) {
          subscription.cancel();
          result.completeExceptionally(new BodyTooLarge());
          return;
        }
        byte[] chunk = new byte[bb.remaining()];
        bb.get(chunk);
        buffer.write(chunk, 0, chunk.length);
      }
    }

    @Override
    public void onError(Throwable t) {
      result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      result.complete(buffer.toByteArray());
    }

    @Override
    public java.util.concurrent.CompletionStage<byte[]> getBody() {
      return result;
    }

    void cancel() {
      Flow.Subscription s = subscription;
      if (s != null) {
        s.cancel();
      }
      result.completeExceptionally(new IOException("abandoned"));
    }
  }
}

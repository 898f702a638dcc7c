package nautilus.autoupdate.api;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nautilus.autoupdate.BoundedHttp;
import nautilus.autoupdate.NetworkFault;
import nautilus.autoupdate.UserError;

/** The one HTTP operation this stage needs; an interface so tests point it at WireMock. */
public interface Http {
  /** A response: status, headers (lower-case names) and the whole body. */
  record Response(int status, Map<String, List<String>> headers, byte[] body) {
    public Optional<String> header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty())
          .map(e -> e.getValue().get(0))
          .findFirst();
    }
  }

  /**
   * GETs a URL with extra headers; any status is returned.
   *
   * @throws UserError naming the URL when it cannot be reached or times out
   */
  Response get(URI uri, Map<String, String> headers);

  /**
   * GETs a distribution file or a range of one: no body cap (the wheel sizes come from the index),
   * the deadline still applies.
   */
  default Response download(URI uri, Map<String, String> headers) {
    return get(uri, headers);
  }

  /** The default limits with {@code timeout}; for tests and callers without a configuration. */
  static Http jdk(Duration timeout) {
    return jdk(BoundedHttp.Limits.standard(timeout));
  }

  /**
   * The JDK client with the configured timeout, deadline and body cap, following redirects
   * (files.pythonhosted) without carrying credentials to other hosts.
   */
  static Http jdk(BoundedHttp.Limits limits) {
    BoundedHttp http = new BoundedHttp(limits);
    return new Http() {
      @Override
      public Response get(URI uri, Map<String, String> headers) {
        return fetch(http, uri, headers, limits.maxBodyBytes());
      }

      @Override
      public Response download(URI uri, Map<String, String> headers) {
        return fetch(http, uri, headers, BoundedHttp.UNCAPPED);
      }
    };
  }

  private static Response fetch(BoundedHttp http, URI uri, Map<String, String> headers, long cap) {
    try {
      BoundedHttp.Reply r = http.send("GET", uri, headers, null, http.limits().timeout(), cap);
      return new Response(r.status(), r.headers(), r.body());
    } catch (IOException e) {
      throw new NetworkFault("cannot fetch " + uri + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserError("interrupted while fetching " + uri, e);
    }
  }
}

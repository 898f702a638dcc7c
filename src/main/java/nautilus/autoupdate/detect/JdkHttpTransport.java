package nautilus.autoupdate.detect;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import nautilus.autoupdate.BoundedHttp;
import nautilus.autoupdate.UserError;

/**
 * {@link HttpTransport} over {@link BoundedHttp}: redirects followed without carrying the token to
 * other hosts, a total deadline and a body cap.
 */
public final class JdkHttpTransport implements HttpTransport {
  private final BoundedHttp http;

  public JdkHttpTransport(BoundedHttp.Limits limits) {
    this.http = new BoundedHttp(limits);
  }

  public JdkHttpTransport(Duration connectTimeout) {
    this(BoundedHttp.Limits.standard(connectTimeout));
  }

  @Override
  public Reply get(String url, Map<String, String> headers, Duration timeout)
      throws IOException, InterruptedException {
    URI uri;
    try {
      uri = URI.create(url);
      if (uri.getHost() == null) {
        throw new IllegalArgumentException("no host");
      }
    } catch (IllegalArgumentException e) {
      throw new UserError("not a valid URL: '" + url + "' (check the *_url settings)", e);
    }
    Map<String, String> h = new LinkedHashMap<>();
    h.put("User-Agent", "nautilus-autoupdate");
    h.putAll(headers);
    BoundedHttp.Reply r;
    try {
      r = http.send("GET", uri, h, null, timeout, http.limits().maxBodyBytes());
    } catch (IllegalArgumentException e) {
      throw new UserError("not a valid URL: '" + url + "' (check the *_url settings)", e);
    }
    return new Reply(r.status(), r.headers(), r.text());
  }
}

package nautilus.autoupdate.detect;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import nautilus.autoupdate.UserError;

/** {@link HttpTransport} over {@code java.net.http.HttpClient}, following redirects. */
public final class JdkHttpTransport implements HttpTransport {
  private final HttpClient client;

  public JdkHttpTransport(Duration connectTimeout) {
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            // h2c upgrade on plain http stalls some servers (and mirrors); HTTP/1.1 is enough here.
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
  }

  @Override
  public Reply get(String url, Map<String, String> headers, Duration timeout)
      throws IOException, InterruptedException {
    HttpRequest.Builder b;
    try {
      b = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET();
    } catch (IllegalArgumentException e) {
      throw new UserError("not a valid URL: '" + url + "' (check the *_url settings)", e);
    }
    b.header("User-Agent", "nautilus-autoupdate");
    headers.forEach(b::header);
    HttpResponse<String> r =
        client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    Map<String, List<String>> lower = new HashMap<>();
    r.headers().map().forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
    return new Reply(r.statusCode(), lower, r.body());
  }
}

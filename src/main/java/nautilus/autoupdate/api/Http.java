package nautilus.autoupdate.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

  /** The JDK client with connect and request timeouts, following redirects (files.pythonhosted). */
  static Http jdk(Duration timeout) {
    HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    return (uri, headers) -> {
      HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(timeout).GET();
      headers.forEach(req::header);
      try {
        HttpResponse<byte[]> r = client.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Response(r.statusCode(), r.headers().map(), r.body());
      } catch (IOException e) {
        throw new UserError("cannot fetch " + uri + ": " + e, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UserError("interrupted while fetching " + uri, e);
      }
    };
  }
}

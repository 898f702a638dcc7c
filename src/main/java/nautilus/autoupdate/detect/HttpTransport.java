package nautilus.autoupdate.detect;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Sends one GET request; the seam between the detect stage and the network. */
public interface HttpTransport {

  /** One response: status, headers (keys lower-case) and the body as text. */
  record Reply(int status, Map<String, List<String>> headers, String body) {
    public Optional<String> header(String name) {
      List<String> v = headers.get(name.toLowerCase(java.util.Locale.ROOT));
      return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }
  }

  /**
   * @throws java.net.http.HttpTimeoutException when the server does not answer in time
   * @throws IOException on connection errors and truncated bodies
   */
  Reply get(String url, Map<String, String> headers, Duration timeout)
      throws IOException, InterruptedException;
}

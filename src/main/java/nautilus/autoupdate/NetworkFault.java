package nautilus.autoupdate;

/**
 * A fault of the network or of a server, not of the user's input: no answer in time, a refused or
 * broken connection, HTTP 5xx after the retries, a rate limit. It may go away by itself, so {@code
 * watch} tries again after its backoff; {@code run} still ends with its one line and exit 1. Every
 * other {@link UserError} (bad config, a bad version, a missing or unreadable input file, a 4xx) is
 * the user's to fix and stops both.
 */
public class NetworkFault extends UserError {
  private static final long serialVersionUID = 1L;

  public NetworkFault(String message) {
    super(message);
  }

  public NetworkFault(String message, Throwable cause) {
    super(message, cause);
  }
}

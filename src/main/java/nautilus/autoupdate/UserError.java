package nautilus.autoupdate;

/**
 * An error the user can fix (bad input, missing file, wrong URL). The CLI prints its message as one
 * line and exits 1; the stack trace only appears with {@code -v}. Its subclass {@link NetworkFault}
 * is the kind worth retrying (a timeout, a refused connection, a 5xx): the watch loop retries that
 * one and stops on every other.
 */
public class UserError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UserError(String message) {
    super(message);
  }

  public UserError(String message, Throwable cause) {
    super(message, cause);
  }
}

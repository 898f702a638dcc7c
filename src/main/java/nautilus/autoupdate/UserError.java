package nautilus.autoupdate;

/**
 * An error the user can fix (bad input, missing file, unreachable URL). The CLI prints its message
 * as one line and exits 1; the stack trace only appears with {@code -v}.
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

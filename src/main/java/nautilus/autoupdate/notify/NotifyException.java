package nautilus.autoupdate.notify;

/** A channel could not deliver; the message is one line and names no secret. */
public final class NotifyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public NotifyException(String message) {
    super(message);
  }

  public NotifyException(String message, Throwable cause) {
    super(message, cause);
  }
}

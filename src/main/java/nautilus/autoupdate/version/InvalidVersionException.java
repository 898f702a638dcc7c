package nautilus.autoupdate.version;

import nautilus.autoupdate.UserError;

/** A version or specifier string that PEP 440 does not accept. */
public class InvalidVersionException extends UserError {
  private static final long serialVersionUID = 1L;

  public InvalidVersionException(String message) {
    super(message);
  }
}

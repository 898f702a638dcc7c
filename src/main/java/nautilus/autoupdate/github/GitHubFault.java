package nautilus.autoupdate.github;

import nautilus.autoupdate.NetworkFault;

/**
 * A GitHub API call that got no usable answer after the retries: no connection, a timeout, a 5xx, a
 * rate limit too long to wait for. It may pass by itself, so {@code watch} tries again; a refusal
 * (4xx) is a {@link GitHubError} instead.
 */
public final class GitHubFault extends NetworkFault {
  private static final long serialVersionUID = 1L;
  private final int status;

  public GitHubFault(int status, String message) {
    super(message);
    this.status = status;
  }

  /** The HTTP status, 0 when no response came. */
  public int status() {
    return status;
  }
}

package nautilus.autoupdate.github;

import nautilus.autoupdate.UserError;

/** A GitHub API call that failed for good, with its HTTP status (0 when no response came). */
public final class GitHubError extends UserError {
  private static final long serialVersionUID = 1L;
  private final int status;

  public GitHubError(int status, String message) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }
}

package nautilus.autoupdate.state;

import java.time.Instant;
import nautilus.autoupdate.version.Version;

/**
 * What the run loop did for one target version. {@code status} is the last completed step (see
 * {@link UpdateStatus}); branch, commit, PR and tests are filled in as the update proceeds.
 */
public record UpdateRecord(
    Version version,
    UpdateStatus status,
    String branch,
    String commitSha,
    String prUrl,
    String tests,
    String message,
    Instant updatedAt) {

  public UpdateRecord with(UpdateStatus newStatus, String newMessage, Instant at) {
    return new UpdateRecord(version, newStatus, branch, commitSha, prUrl, tests, newMessage, at);
  }
}

package nautilus.autoupdate.state;

import java.time.Instant;

/**
 * One merge the gate tried: {@code merged}, or {@code refused} with GitHub's status (405 or 409
 * when branch protection or a moved head says no), so the same head is not tried again.
 */
public record MergeRecord(
    String prUrl,
    String headSha,
    String version,
    boolean merged,
    int httpStatus,
    String message,
    Instant at) {

  public String outcome() {
    return merged ? "merged" : "refused";
  }
}

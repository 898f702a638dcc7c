package nautilus.autoupdate.cycle;

import java.util.Optional;
import nautilus.autoupdate.impact.ImpactReport;
import nautilus.autoupdate.impact.Recommendation;

/**
 * What a recommendation lets happen, the same for {@code update} and {@code run}: auto and delayed
 * update by themselves (and go through the merge gate); manual and blocked wait for a person
 * ({@code update --force} overrides); what the fixes leave of a manual update may go to the coding
 * agent, never a blocked one.
 */
public final class UpdatePolicy {
  private UpdatePolicy() {}

  /** Whether the update (branch, tests, PR, merge gate) goes ahead without a person. */
  public static boolean updates(Recommendation r) {
    return r == Recommendation.AUTO || r == Recommendation.DELAYED;
  }

  /** Whether the coding agent may take over what the fixes leave. */
  public static boolean agentMayTake(Recommendation r) {
    return r == Recommendation.MANUAL;
  }

  /** Why {@code update} refuses {@code report} (empty: it goes ahead); {@code force} never does. */
  public static Optional<String> refusal(ImpactReport report, boolean force) {
    Recommendation rec = report.recommendation();
    if (force || updates(rec)) {
      return Optional.empty();
    }
    return Optional.of(
        "refused: the recommendation is "
            + rec.id()
            + " (confidence "
            + report.confidenceScore()
            + ", "
            + report.actions().size()
            + " manual action(s)); review the report, or run with --force");
  }
}

package nautilus.autoupdate.fix;

import java.util.List;

/**
 * A proof that accepts every edit, for the planner's own tests only (golden cases of historical
 * notes whose packages no model holds). Everything that runs fix, update or run uses {@link
 * ModelProof}.
 */
final class PlannerOnly {
  static final Proof ACCEPT_ALL = (repo, report, changes) -> new Proof.Verdict(null, List.of());

  private PlannerOnly() {}
}

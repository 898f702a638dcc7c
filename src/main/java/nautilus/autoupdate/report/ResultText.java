package nautilus.autoupdate.report;

import nautilus.autoupdate.agent.DispatchResult;
import nautilus.autoupdate.config.AutoUpdateConfig;
import nautilus.autoupdate.impact.ImpactAnalyzer;
import nautilus.autoupdate.update.UpdateResult;

/** The last line(s) of {@code update} and {@code dispatch}: the result as JSON or for a person. */
public final class ResultText {
  private ResultText() {}

  /** "done: BRANCH [PR]", then the error indented; or the result as one JSON line. */
  public static String update(UpdateResult r, boolean json, boolean color) {
    if (json) {
      return Style.json(r) + "\n";
    }
    return Style.doneMark(color, r.success())
        + ": "
        + r.branchName()
        + (r.prUrl() == null ? "" : " " + r.prUrl())
        + "\n"
        + (r.errorMessage() == null ? "" : "  " + r.errorMessage() + "\n");
  }

  /** "done: OUTCOME: MESSAGE [PR]"; or the result as one JSON line. */
  public static String dispatch(DispatchResult r, boolean json, boolean color) {
    if (json) {
      return Style.json(r) + "\n";
    }
    return Style.doneMark(color, r.success())
        + ": "
        + r.outcome().id()
        + ": "
        + r.message()
        + (r.prUrl() == null ? "" : " " + r.prUrl())
        + "\n";
  }

  /** The line printed when the repository is already at or past the target. */
  public static String upToDate(AutoUpdateConfig cfg, ImpactAnalyzer.Outcome outcome) {
    return cfg.packageName()
        + " "
        + outcome.current()
        + " ("
        + outcome.currentOrigin()
        + ") is at or past "
        + outcome.target()
        + ": no update needed";
  }
}

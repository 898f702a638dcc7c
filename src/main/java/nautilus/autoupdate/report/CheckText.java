package nautilus.autoupdate.report;

import java.nio.file.Path;
import nautilus.autoupdate.impact.ImpactAnalyzer;

/** The lines {@code check --verbose} adds on stderr: where the version came from, the score. */
public final class CheckText {
  private CheckText() {}

  /** The current version's origin, how the confidence score was reached, where the report went. */
  public static String verbose(ImpactAnalyzer.Outcome outcome, Path saved) {
    StringBuilder sb = new StringBuilder();
    sb.append("current version ")
        .append(outcome.current())
        .append(": ")
        .append(outcome.currentOrigin())
        .append('\n');
    sb.append("confidence ")
        .append(outcome.report().orElseThrow().confidenceScore())
        .append(" = 100, then:\n");
    outcome.scoreTerms().forEach(t -> sb.append("  ").append(t).append('\n'));
    sb.append("report saved to ").append(saved).append('\n');
    return sb.toString();
  }
}

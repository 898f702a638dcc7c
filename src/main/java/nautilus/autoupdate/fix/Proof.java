package nautilus.autoupdate.fix;

import java.nio.file.Path;
import java.util.List;
import nautilus.autoupdate.impact.ImpactReport;

/**
 * The proof every edit passes before it is written: the code the edits produce must resolve on the
 * target version. It sees the edited bytes before they exist ({@code changes}), and answers with
 * the uses that do not resolve, or with why it cannot judge at all (then no edit is written).
 */
public interface Proof {
  /**
   * A use written by the edits that the target does not prove: where it is in the edited content
   * ({@code cell} for notebooks, else null; 1-based line, byte column), what it claims, and why it
   * fails.
   */
  record Failure(String path, Integer cell, int line, int column, String claim, String why) {
    /** The reason a site gets when its edit is refused for this failure. */
    public String reason() {
      return "unproven: " + claim + ": " + why;
    }
  }

  /** {@code refused} not null: no edit can be proven (e.g. no model); else the failures. */
  record Verdict(String refused, List<Failure> failures) {
    public Verdict {
      failures = List.copyOf(failures);
    }

    public static Verdict refuse(String why) {
      return new Verdict(why, List.of());
    }

    public boolean proven() {
      return refused == null && failures.isEmpty();
    }
  }

  Verdict prove(Path repo, ImpactReport report, List<FileChange> changes);
}

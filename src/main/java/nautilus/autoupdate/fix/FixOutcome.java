package nautilus.autoupdate.fix;

import java.util.List;

/** What a rule decides for a site: these edits, nothing to edit here, or skip with a reason. */
sealed interface FixOutcome {
  /** Edits that fix the site. */
  record Edits(List<TextEdit> edits) implements FixOutcome {
    public Edits {
      edits = List.copyOf(edits);
    }
  }

  /**
   * Nothing to edit at this site because another edit for the same change fixes it (e.g. a use of a
   * moved class whose import is rewritten).
   */
  record Covered(String reason) implements FixOutcome {}

  /** Not fixed; left for the agent or a person, with the reason. */
  record Skipped(String reason) implements FixOutcome {}
}

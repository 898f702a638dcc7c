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
   * Nothing to edit at this site if the import that binds {@code binding} (the name the use starts
   * with) is rewritten: e.g. a use of a moved class, or {@code m.C} after {@code import a.b as m}.
   */
  record Covered(String reason, String binding) implements FixOutcome {}

  /** Not fixed; left for the agent or a person, with the reason. */
  record Skipped(String reason) implements FixOutcome {}
}

package nautilus.autoupdate.fix;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import nautilus.autoupdate.impact.Site;
import nautilus.autoupdate.notes.BreakingChange;

/**
 * The second half of the proof: re-runs the analysis on the edited files and says which of the
 * fixed sites it still finds. {@code fixed} holds the sites moved to their place in the edited
 * content; {@code edited} maps relative paths to the new content (the tree itself is unchanged
 * until the fixes are written).
 */
public interface Recheck {
  /** A site in one file. */
  record Located(String path, Site site) {}

  List<Located> stillPresent(
      Path repo, Map<String, byte[]> edited, List<Located> fixed, List<BreakingChange> changes);
}

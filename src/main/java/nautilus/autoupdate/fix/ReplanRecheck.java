package nautilus.autoupdate.fix;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nautilus.autoupdate.notes.BreakingChange;

/**
 * A re-check that needs no analyzer: plans each fixed site again on the edited content; a site is
 * still present when the rules would still edit it (the old identifier is still there).
 */
public final class ReplanRecheck implements Recheck {
  @Override
  public List<Located> stillPresent(
      Path repo, Map<String, byte[]> edited, List<Located> fixed, List<BreakingChange> changes) {
    FileFixer fixer = new FileFixer(changes, true);
    List<Located> present = new ArrayList<>();
    for (Located l : fixed) {
      byte[] content = edited.get(l.path());
      if (content == null) {
        continue;
      }
      FileFixer.FileResult again = fixer.fix(l.path(), content, List.of(l.site()));
      boolean stillEdits = again.sites().stream().anyMatch(r -> r.fixed() && !r.covered());
      if (stillEdits) {
        present.add(l);
      }
    }
    return present;
  }
}

package nautilus.autoupdate.fix;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nautilus.autoupdate.impact.Site;
import nautilus.autoupdate.notes.BreakingChange;

/**
 * A re-check that needs no analyzer: plans each fixed site again on the edited content, exactly at
 * its new position; a site is still present when a rule would still edit it (the old identifier is
 * still there) or two leftover edits collide on it.
 */
public final class ReplanRecheck implements Recheck {
  @Override
  public List<Located> stillPresent(
      Path repo, Map<String, byte[]> edited, List<Located> fixed, List<BreakingChange> changes) {
    FileFixer fixer = new FileFixer(changes, true);
    Map<String, List<Site>> byPath = new LinkedHashMap<>();
    for (Located l : fixed) {
      if (edited.containsKey(l.path())) {
        byPath.computeIfAbsent(l.path(), p -> new ArrayList<>()).add(l.site());
      }
    }
    List<Located> present = new ArrayList<>();
    byPath.forEach(
        (path, sites) -> {
          // One parse per file, however many sites it has.
          for (SiteResult r : fixer.fix(path, edited.get(path), sites).sites()) {
            boolean stillEdits = r.fixed() && !r.covered();
            boolean collides = !r.fixed() && r.reason() != null && r.reason().startsWith("refused");
            if (stillEdits || collides) {
              present.add(new Located(path, r.site()));
            }
          }
        });
    return present;
  }
}

package nautilus.autoupdate.impact;

import java.util.List;

/** A file of ours with its sites; the file's severity is its worst site's. */
public record AffectedFile(String path, Severity severity, List<Site> sites) {
  public AffectedFile {
    sites = List.copyOf(sites);
  }
}

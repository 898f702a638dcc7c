package nautilus.autoupdate.fix;

import java.util.List;

/** The result of planning fixes and the file contents that carry them (nothing written yet). */
public record FixRun(FixResult result, List<FileChange> changes) {
  public FixRun {
    changes = List.copyOf(changes);
  }

  /** A unified diff of every changed file, in path order. */
  public String diff() {
    StringBuilder out = new StringBuilder();
    for (FileChange c : changes) {
      out.append(UnifiedDiff.of(c.path(), c.before(), c.after()));
    }
    return out.toString();
  }
}

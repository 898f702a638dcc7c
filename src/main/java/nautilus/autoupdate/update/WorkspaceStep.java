package nautilus.autoupdate.update;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One edit of a checkout for the new version: the pin bump, the lock refresh, the code fixes. The
 * updater runs them in order in its worktree and commits exactly the files they report.
 */
public interface WorkspaceStep {
  /** Short name for step lines: "pin", "lock", "fix". */
  String name();

  /**
   * What {@link #apply} would do to {@code checkout}, as lines for {@code --dry-run} (unified
   * diffs, commands). Reads only.
   */
  List<String> preview(Path checkout);

  /** Makes the edit; returns the repository-relative paths it changed (empty when current). */
  List<String> apply(Path checkout);

  /**
   * The subject of this step's own commit, made after the main one so a reviewer sees the code
   * changes apart from the pin; empty (the default) puts its files into the main commit.
   */
  default Optional<String> ownCommit() {
    return Optional.empty();
  }

  /**
   * Markdown for the pull request about what the last {@link #apply} did (the default: nothing).
   */
  default String prSection() {
    return "";
  }
}

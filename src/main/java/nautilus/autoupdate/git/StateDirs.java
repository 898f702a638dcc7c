package nautilus.autoupdate.git;

import java.nio.file.Path;
import nautilus.autoupdate.CommandResult;
import nautilus.autoupdate.UserError;

/**
 * Where {@code state_dir} lives, the same for every command: as configured when absolute; when
 * relative, inside the repository's git common dir ({@code <git
 * dir>/nautilus-autoupdate/<state_dir>}, shared by all worktrees), so nothing is ever written into
 * the working tree. Outside a git repository there is no git dir: a relative state_dir is then
 * resolved against the repository folder, as before.
 */
public final class StateDirs {
  private StateDirs() {}

  public static Path resolve(Path repoRoot, String stateDir) {
    Path configured = Path.of(stateDir);
    if (configured.isAbsolute()) {
      return configured.normalize();
    }
    CommandResult r;
    try {
      r = new Git(repoRoot).tryRun("rev-parse", "--path-format=absolute", "--git-common-dir");
    } catch (UserError noGit) {
      r = null; // no git installed: certainly not a repository we can use
    }
    if (r == null || !r.ok() || r.stdout().isBlank()) {
      return repoRoot.toAbsolutePath().resolve(configured).normalize();
    }
    return Path.of(r.stdout().strip())
        .resolve("nautilus-autoupdate")
        .resolve(configured)
        .normalize();
  }
}

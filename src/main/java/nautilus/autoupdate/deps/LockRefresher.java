package nautilus.autoupdate.deps;

import java.nio.file.Path;
import java.util.Optional;
import nautilus.autoupdate.config.AutoUpdateConfig;

/** Regenerates a lock file after a pin moved. */
public interface LockRefresher {
  /**
   * Refreshes the lock of the project at {@code projectDir} for {@code cfg.packageName()}; empty
   * when the project has no lock file (nothing to do). Failures are {@code UserError}s.
   */
  Optional<LockResult> refresh(Path projectDir, AutoUpdateConfig cfg);
}

package nautilus.autoupdate.deps;

import java.time.Duration;
import java.util.List;

/**
 * A lock refresh that ran: the lock file, the command, its combined output (for the log, not the
 * pull request) and how long it took.
 */
public record LockResult(String lockFile, List<String> command, String output, Duration took) {
  public LockResult {
    command = List.copyOf(command);
  }
}

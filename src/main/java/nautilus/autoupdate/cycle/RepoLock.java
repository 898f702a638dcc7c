package nautilus.autoupdate.cycle;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import nautilus.autoupdate.config.AutoUpdateConfig;
import nautilus.autoupdate.state.RunLock;

/**
 * The repository lock as the commands that change a repository take it ({@code update}, {@code
 * fix}, {@code dispatch}; {@code run} through {@link CycleRunner}): the same {@code run.lock} in
 * the state dir, waiting up to {@code lock_wait_seconds} with one line saying for whom. Steps run
 * inside {@code run} never take it again.
 */
public final class RepoLock {
  private RepoLock() {}

  /**
   * Takes the lock for {@code command} ("update", "fix", "dispatch"); close it when done. {@code
   * config} must be loaded as the commands load it, with state_dir already where every command
   * keeps it (relative to {@code workingDir}); the waiting line goes to {@code err}.
   */
  public static RunLock take(
      Path workingDir, PrintWriter err, AutoUpdateConfig config, String command) {
    Path stateDir = workingDir.resolve(config.stateDir());
    Duration wait = Duration.ofSeconds(config.lockWaitSeconds());
    return RunLock.acquire(
        stateDir,
        command,
        wait,
        holder -> {
          err.println(
              command
                  + ": waiting for "
                  + holder.map(h -> h.describe()).orElse("another command")
                  + " to finish (repository lock "
                  + RunLock.file(stateDir)
                  + ", up to "
                  + wait.toSeconds()
                  + " s)");
          err.flush();
        });
  }
}

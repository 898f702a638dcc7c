package nautilus.autoupdate.cli;

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
   * config} must come from {@link RepoOptions#load} or {@link DetectSupport#config}, whose
   * state_dir is already where every command keeps it.
   */
  public static RunLock take(CliContext ctx, AutoUpdateConfig config, String command) {
    Path stateDir = ctx.workingDir().resolve(config.stateDir());
    Duration wait = Duration.ofSeconds(config.lockWaitSeconds());
    return RunLock.acquire(
        stateDir,
        command,
        wait,
        holder -> {
          ctx.err()
              .println(
                  command
                      + ": waiting for "
                      + holder.map(h -> h.describe()).orElse("another command")
                      + " to finish (repository lock "
                      + RunLock.file(stateDir)
                      + ", up to "
                      + wait.toSeconds()
                      + " s)");
          ctx.err().flush();
        });
  }
}

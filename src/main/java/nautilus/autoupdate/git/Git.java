package nautilus.autoupdate.git;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nautilus.autoupdate.CommandResult;
import nautilus.autoupdate.CommandRunner;
import nautilus.autoupdate.UserError;

/**
 * The git command line in one directory. The user's own git applies: config, hooks, credential
 * helpers. Prompts are disabled so a missing credential fails instead of hanging.
 */
public final class Git {
  private static final Map<String, String> NO_PROMPTS =
      Map.of("GIT_TERMINAL_PROMPT", "0", "GIT_ASKPASS", "", "SSH_ASKPASS", "");

  private final Path dir;
  private final CommandRunner runner;
  private final Duration timeout;
  private final Map<String, String> pushEnv;

  public Git(Path dir, CommandRunner runner, Duration timeout) {
    this(dir, runner, timeout, Map.of());
  }

  /**
   * @param pushEnv variables only {@code git push} gets (a credential helper reading the token from
   *     the environment); every other git command, and its hooks, runs without them
   */
  public Git(Path dir, CommandRunner runner, Duration timeout, Map<String, String> pushEnv) {
    this.dir = dir;
    this.runner = runner;
    this.timeout = timeout;
    this.pushEnv = Map.copyOf(pushEnv);
  }

  public Git(Path dir) {
    this(dir, new CommandRunner(), Duration.ofMinutes(5));
  }

  public Path dir() {
    return dir;
  }

  /** The same git in another directory (a worktree). */
  public Git in(Path other) {
    return new Git(other, runner, timeout, pushEnv);
  }

  /** Runs git and returns its trimmed stdout; a failure is a UserError with git's last line. */
  public String run(String... args) {
    return run(List.of(args));
  }

  public String run(List<String> args) {
    CommandResult r = tryRun(args);
    if (!r.ok()) {
      throw new UserError(
          "git "
              + String.join(" ", args.subList(0, Math.min(2, args.size())))
              + " failed in "
              + dir
              + (r.timedOut() ? ": timed out after " + timeout.toSeconds() + " s" : ": ")
              + (r.timedOut() ? "" : r.lastLine()));
    }
    return r.stdout().strip();
  }

  /** Runs git and returns how it ended, for commands whose failure is an answer. */
  public CommandResult tryRun(String... args) {
    return tryRun(List.of(args));
  }

  public CommandResult tryRun(List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add("git");
    cmd.addAll(args);
    Map<String, String> env = NO_PROMPTS;
    if (!pushEnv.isEmpty() && !args.isEmpty() && args.get(0).equals("push")) {
      env = new java.util.HashMap<>(pushEnv);
      env.putAll(NO_PROMPTS);
    }
    CommandResult r = runner.run(cmd, dir, timeout, env);
    if (!r.started()) {
      throw new UserError("git is not installed or not on PATH (" + r.startError() + ")");
    }
    return r;
  }

  /** The commit a ref points to, or null when it does not exist. */
  public String resolve(String ref) {
    CommandResult r = tryRun("rev-parse", "--verify", "--quiet", ref + "^{commit}");
    return r.ok() ? r.stdout().strip() : null;
  }
}

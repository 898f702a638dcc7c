package nautilus.autoupdate.agent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import nautilus.autoupdate.CommandResult;
import nautilus.autoupdate.CommandRunner;

/**
 * Runs the coding agent: an argument list, never a shell, with exactly the environment given, the
 * brief on stdin and a time limit. The agent starts in a session and process group of its own
 * ({@code setsid}, when installed), so when the limit passes the whole group dies with it, also
 * grandchildren that left its process tree; its descendants are killed as well ({@link
 * CommandRunner#inOwnProcessGroup()}).
 */
public final class AgentProcess {
  /** How much of each output stream is read back; the rest is cut (the transcript is capped). */
  static final int MAX_OUTPUT_BYTES = 4 * 1024 * 1024;

  private final Duration timeout;

  public AgentProcess(Duration timeout) {
    this.timeout = timeout;
  }

  public Duration timeout() {
    return timeout;
  }

  /** The command as it is started: behind {@code setsid} when {@code setsid} is on the PATH. */
  public static List<String> launched(List<String> command, Map<String, String> env) {
    return CommandRunner.inOwnGroup(command, env.get("PATH"));
  }

  /** Runs {@code command} in {@code dir}; never throws for a failing, hanging or missing agent. */
  public CommandResult run(List<String> command, Path dir, Map<String, String> env, String stdin) {
    return CommandRunner.isolated(env)
        .inOwnProcessGroup()
        .withOutputCap(MAX_OUTPUT_BYTES)
        .run(command, dir, timeout, Map.of(), stdin);
  }
}

package nautilus.autoupdate.verify;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import nautilus.autoupdate.CommandResult;
import nautilus.autoupdate.CommandRunner;

/**
 * Brings a checkout's Python environment up to date before its tests run, and says how to run the
 * configured test command inside it. One implementation per tool: {@link UvEnvironment}, {@link
 * PipEnvironment}.
 */
public interface TestEnvironment {
  /** Short name for step lines and reports: "uv", "pip". */
  String name();

  /** The commands {@link #sync} runs, for --dry-run. */
  List<List<String>> syncCommands(Path dir);

  /** Runs the sync commands in order; returns the first that failed, else the last (or null). */
  default CommandResult sync(Path dir, CommandRunner runner, Duration timeout) {
    return runAll(syncCommands(dir), dir, runner, timeout, env(dir));
  }

  /** Runs {@code commands} in order; returns the first that failed, else the last (or null). */
  static CommandResult runAll(
      List<List<String>> commands,
      Path dir,
      CommandRunner runner,
      Duration timeout,
      Map<String, String> env) {
    CommandResult last = null;
    for (List<String> cmd : commands) {
      last = runner.run(cmd, dir, timeout, env);
      if (!last.ok()) {
        return last;
      }
    }
    return last;
  }

  /** The configured command as it runs in this environment (by default unchanged). */
  default List<String> testCommand(List<String> configured, Path dir) {
    return configured;
  }

  /** Variables the test command needs (e.g. a venv on PATH); by default none. */
  default Map<String, String> env(Path dir) {
    return Map.of();
  }

  /**
   * uv when it runs on this machine (on the runner's PATH), else pip with {@code python3}; either
   * keeps its environments in {@code cache}.
   */
  static TestEnvironment detect(CommandRunner runner, Path dir, EnvCache cache) {
    CommandResult uv = runner.run(List.of("uv", "--version"), dir, Duration.ofSeconds(20));
    return uv.ok() ? new UvEnvironment(cache) : new PipEnvironment("python3", cache);
  }
}

package nautilus.autoupdate.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a command may use from its process: streams, environment, working directory, and whether the
 * output is a terminal (colors and progress only then). Injected so tests run commands in-process.
 */
public record CliContext(
    PrintWriter out, PrintWriter err, Map<String, String> env, Path workingDir, boolean terminal) {
  public CliContext {
    env = Map.copyOf(env);
  }

  /** A path given on the command line, against the working directory; null stays null. */
  Path resolve(Path path) {
    return path == null ? null : workingDir.resolve(path);
  }
}

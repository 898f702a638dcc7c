package nautilus.autoupdate;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import nautilus.autoupdate.cli.Main;

/** Runs the CLI in-process with captured output, as a user would on the command line. */
public final class CliRunner {
  /** What one command line printed and returned. */
  public record Result(int exitCode, String out, String err) {}

  private CliRunner() {}

  public static Result run(Path workingDir, Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            args, new PrintWriter(out, true), new PrintWriter(err, true), env, workingDir, false);
    return new Result(code, out.toString(), err.toString());
  }

  public static Result run(Path workingDir, String... args) {
    return run(workingDir, Map.of(), args);
  }

  /** The shared data folder (../shared beside the checkout), as CI lays it out. */
  public static Path shared() {
    String p = System.getProperty("shared.dir", "../shared");
    return Path.of(p).toAbsolutePath().normalize();
  }
}

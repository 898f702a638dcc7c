package nautilus.autoupdate.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** Entry point: wires the picocli root command to the process's streams, env and directory. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    int code =
        run(
            args,
            out,
            err,
            System.getenv(),
            Path.of("").toAbsolutePath(),
            System.console() != null);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** Runs one command line and returns its exit code; used by tests with captured streams. */
  public static int run(
      String[] args,
      PrintWriter out,
      PrintWriter err,
      Map<String, String> env,
      Path workingDir,
      boolean terminal) {
    return RootCommand.commandLine(new CliContext(out, err, env, workingDir, terminal))
        .execute(args);
  }
}

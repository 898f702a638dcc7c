package nautilus.autoupdate.cli;

import java.util.function.BooleanSupplier;
import nautilus.autoupdate.UserError;
import picocli.CommandLine;

/** How every command reports bad arguments and errors: one line on stderr, exit code 1. */
final class Errors {
  private Errors() {}

  /** {@code verbose}: whether {@code -v} was given (then the stack trace follows the line). */
  static void install(CommandLine cl, CliContext context, BooleanSupplier verboseFlag) {
    // picocli's default of 2 for bad arguments would read as "update available" to a cron job.
    cl.setParameterExceptionHandler(
        (ex, args) -> {
          context.err().println("error: " + ex.getMessage());
          context
              .err()
              .println(
                  "Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
          context.err().flush();
          return ExitCodes.ERROR;
        });
    cl.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          boolean verbose = verboseFlag.getAsBoolean();
          if (ex instanceof UserError) {
            context.err().println("error: " + ex.getMessage());
          } else {
            context
                .err()
                .println(
                    "error: unexpected "
                        + ex.getClass().getSimpleName()
                        + (ex.getMessage() == null ? "" : ": " + ex.getMessage())
                        + (verbose ? "" : " (run with -v for details)"));
          }
          if (verbose) {
            ex.printStackTrace(context.err());
          }
          context.err().flush();
          return ExitCodes.ERROR;
        });
  }
}

package nautilus.autoupdate.cli;

import nautilus.autoupdate.update.UpdateOptions;
import picocli.CommandLine.Option;

/** How run and watch perform the update step, as {@code update}'s options of the same names. */
final class UpdateFlags {
  @Option(names = "--no-push", description = "Commit the update branch locally; no push, no PR.")
  boolean noPush;

  @Option(names = "--skip-tests", description = "Do not run the tests (base or update).")
  boolean skipTests;

  @Option(
      names = "--no-fix",
      description = "Do not rewrite code for the breaking changes; only the pin and the lock move.")
  boolean noFix;

  UpdateOptions options() {
    return new UpdateOptions(false, !noPush, !skipTests, !noFix);
  }
}

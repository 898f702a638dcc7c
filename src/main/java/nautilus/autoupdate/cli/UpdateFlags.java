package nautilus.autoupdate.cli;

import nautilus.autoupdate.update.UpdateOptions;
import picocli.CommandLine.Option;

/** How update, run and watch perform the update: the options they share. */
final class UpdateFlags {
  @Option(names = "--no-push", description = "Commit on the local branch only; no push, no PR.")
  boolean noPush;

  @Option(names = "--skip-tests", description = "Do not run the tests (base or update).")
  boolean skipTests;

  @Option(
      names = "--no-fix",
      description =
          "Do not rewrite code for the breaking changes (no 'fix: adapt to ...' commit); only"
              + " the pin and the lock move.")
  boolean noFix;

  /**
   * @param offline no fetch, no push, no PR ({@code update --offline}; run and watch are online)
   */
  UpdateOptions options(boolean offline) {
    return new UpdateOptions(offline, !noPush, !skipTests, !noFix);
  }
}

package nautilus.autoupdate.cli;

import java.nio.file.Path;
import nautilus.autoupdate.config.AutoUpdateConfig;
import nautilus.autoupdate.cycle.UpdateFlow;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of {@code update} that say what to update and how: its {@link UpdateFlow.Request}.
 */
final class UpdateRequestOptions {
  @Option(
      names = "--to",
      paramLabel = "V",
      description = "The version to update to (default: the report's version, the newest).")
  String to;

  @Option(
      names = "--report",
      paramLabel = "FILE",
      description =
          "Use this impact report (JSON from 'check --format json') instead of running the"
              + " analysis as check does.")
  Path report;

  @Mixin UpdateFlags flags;

  @Option(names = "--offline", description = "No network: no fetch, no push, no pull request.")
  boolean offline;

  @Option(
      names = "--force",
      description = "Update even when the recommendation is manual or blocked.")
  boolean force;

  @Option(
      names = "--dry-run",
      description =
          "Print every step (files and diffs, commands, API calls) and change nothing anywhere.")
  boolean dryRun;

  /** {@code releasesMd}: the notes quoted in the pull request (null: none). */
  UpdateFlow.Request request(Path root, AutoUpdateConfig config, Path releasesMd) {
    return new UpdateFlow.Request(
        root, config, flags.options(offline), report, to, releasesMd, force, dryRun);
  }
}

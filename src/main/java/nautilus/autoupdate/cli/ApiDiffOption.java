package nautilus.autoupdate.cli;

import picocli.CommandLine.Option;

/** {@code --no-api-diff} of check, fix and update: the config override of {@code api_diff}. */
final class ApiDiffOption {
  @Option(
      names = "--no-api-diff",
      description =
          "Read the release notes alone; do not compare the APIs of the two versions (config"
              + " api_diff).")
  boolean noApiDiff;

  /** The value of {@code api_diff} given on the command line (null: not given). */
  Boolean value() {
    return noApiDiff ? Boolean.FALSE : null;
  }
}

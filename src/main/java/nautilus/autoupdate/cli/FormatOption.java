package nautilus.autoupdate.cli;

import picocli.CommandLine.Option;

/** The {@code --format text|json} option of detect and status. */
final class FormatOption {
  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
      defaultValue = "text")
  OutputFormat format = OutputFormat.text;

  boolean json() {
    return format == OutputFormat.json;
  }
}

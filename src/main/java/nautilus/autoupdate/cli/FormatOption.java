package nautilus.autoupdate.cli;

import java.util.List;
import nautilus.autoupdate.UserError;
import nautilus.autoupdate.report.Format;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The one {@code --format} option of every command that prints in more than one format: a command
 * names the formats it takes ({@link #of}), and its help lists them.
 */
final class FormatOption {
  private final List<Format> accepted;

  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  private Format format = Format.TEXT;

  /** Checked as the command line is parsed, so a bad format stops before any work is done. */
  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "Output format: text or json (default: ${DEFAULT-VALUE}).")
  void format(String text) {
    try {
      format = Format.of(text, accepted);
    } catch (UserError e) {
      throw new ParameterException(mixee.commandLine(), e.getMessage());
    }
  }

  FormatOption() {
    this(List.of(Format.TEXT, Format.JSON));
  }

  private FormatOption(List<Format> accepted) {
    this.accepted = accepted;
  }

  static FormatOption of(Format... accepted) {
    return new FormatOption(List.of(accepted));
  }

  Format value() {
    return format;
  }

  boolean json() {
    return value() == Format.JSON;
  }

  /** Makes each subcommand's help list the formats that command takes. */
  static void describe(CommandLine root) {
    for (CommandLine sub : root.getSubcommands().values()) {
      CommandSpec spec = sub.getCommandSpec();
      CommandSpec mixin = spec.mixins().get("format");
      OptionSpec option = spec.findOption("--format");
      if (mixin != null && mixin.userObject() instanceof FormatOption f && option != null) {
        spec.remove(option);
        spec.addOption(
            option.toBuilder()
                .description(
                    "Output format: " + Format.names(f.accepted) + " (default: ${DEFAULT-VALUE}).")
                .build());
      }
    }
  }
}

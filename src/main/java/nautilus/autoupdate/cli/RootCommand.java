package nautilus.autoupdate.cli;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The root command: global options and the list of subcommands. */
@Command(
    name = "nautilus-autoupdate",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Keeps a downstream NautilusTrader codebase current: detects new versions, reads their"
            + " breaking changes, finds the affected code, fixes, tests and opens a pull request.",
    subcommands = {
      ApiDiffCommand.class,
      ChangesCommand.class,
      ChangelogCommand.class,
      CheckCommand.class,
      ConfigCommand.class,
      FixCommand.class,
      InitCommand.class,
      UpdateCommand.class,
      DispatchCommand.class,
      DetectCommand.class,
      RunCommand.class,
      StatusCommand.class,
      WatchCommand.class,
      NotifyCommand.class,
      AutoComplete.GenerateCompletion.class,
      CommandLine.HelpCommand.class
    })
public final class RootCommand implements Runnable {

  @Spec CommandSpec spec;

  final CliContext context;

  @Option(
      names = {"-v", "--verbose"},
      scope = ScopeType.INHERIT,
      description = "Print details and, on errors, the stack trace.")
  boolean verbose;

  @Option(
      names = "--no-color",
      scope = ScopeType.INHERIT,
      description = "Never color the output (colors are used only on a terminal anyway).")
  boolean noColor;

  RootCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public void run() {
    spec.commandLine().usage(context.out());
  }

  /** Whether to use ANSI colors: only on a terminal, never with --no-color or NO_COLOR set. */
  public boolean color() {
    return context.terminal() && !noColor && !context.env().containsKey("NO_COLOR");
  }

  static CommandLine commandLine(CliContext context) {
    RootCommand root = new RootCommand(context);
    CommandLine cl = new CommandLine(root);
    cl.setOut(context.out());
    cl.setErr(context.err());
    Errors.install(cl, context, () -> root.verbose);
    FormatOption.describe(cl);
    cl.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
    return cl;
  }
}

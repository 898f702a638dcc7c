package nautilus.autoupdate.cli;

import nautilus.autoupdate.UserError;
import picocli.CommandLine.Command;

/** Placeholder until its stage lands. */
@Command(name = "config", mixinStandardHelpOptions = true, description = "(not implemented yet)")
final class ConfigCommand extends BaseCommand {
  @Override
  public Integer call() {
    throw new UserError("'config' is not implemented yet");
  }
}

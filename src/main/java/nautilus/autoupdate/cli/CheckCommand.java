package nautilus.autoupdate.cli;

import nautilus.autoupdate.UserError;
import picocli.CommandLine.Command;

/** Placeholder until its stage lands. */
@Command(name = "check", mixinStandardHelpOptions = true, description = "(not implemented yet)")
final class CheckCommand extends BaseCommand {
  @Override
  public Integer call() {
    throw new UserError("'check' is not implemented yet");
  }
}

package nautilus.autoupdate.cli;

import nautilus.autoupdate.UserError;
import picocli.CommandLine.Command;

/** Placeholder until its stage lands. */
@Command(name = "changes", mixinStandardHelpOptions = true, description = "(not implemented yet)")
final class ChangesCommand extends BaseCommand {
  @Override
  public Integer call() {
    throw new UserError("'changes' is not implemented yet");
  }
}

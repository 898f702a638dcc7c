package nautilus.autoupdate.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.ParentCommand;

/** Shared plumbing for subcommands: the context and global options of the root command. */
abstract class BaseCommand implements Callable<Integer> {
  @ParentCommand RootCommand root;

  CliContext context() {
    return root.context;
  }

  boolean verbose() {
    return root.verbose;
  }

  boolean color() {
    return root.color();
  }
}

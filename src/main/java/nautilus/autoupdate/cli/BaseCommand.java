package nautilus.autoupdate.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import nautilus.autoupdate.cycle.CommandIo;
import nautilus.autoupdate.cycle.CycleRunner;
import nautilus.autoupdate.report.Format;
import nautilus.autoupdate.update.UpdateOptions;
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

  /** Prints a rendered report to stdout, flushed so it is out before the exit code. */
  void print(String text) {
    context().out().print(text);
    context().out().flush();
  }

  /**
   * Where a line for a person goes: stdout, unless stdout holds a JSON, diff or Markdown document.
   */
  PrintWriter notices(FormatOption format) {
    return format.value() == Format.TEXT ? context().out() : context().err();
  }

  /** The run cycle on this command's streams, environment and working directory. */
  CycleRunner cycleRunner(UpdateOptions options) {
    CliContext ctx = context();
    return new CycleRunner(ctx.out(), ctx.err(), ctx.env(), ctx.workingDir(), color(), options);
  }

  /** The streams of update and dispatch; with JSON on stdout, step lines go to stderr. */
  CommandIo io(boolean json) {
    CliContext ctx = context();
    PrintWriter steps = json ? ctx.err() : ctx.out();
    boolean progress = ctx.terminal() && !json;
    return new CommandIo(
        ctx.out(),
        ctx.err(),
        ctx.env(),
        ctx.workingDir(),
        json,
        color(),
        verbose(),
        () -> new StepPrinter(steps, progress, color()));
  }
}

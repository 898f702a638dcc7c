package nautilus.autoupdate.cycle;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import nautilus.autoupdate.UserError;
import nautilus.autoupdate.config.AutoUpdateConfig;
import nautilus.autoupdate.git.Git;
import nautilus.autoupdate.impact.ImpactAnalyzer;
import nautilus.autoupdate.impact.ImpactReport;
import nautilus.autoupdate.report.ReportFile;
import nautilus.autoupdate.report.ResultText;
import nautilus.autoupdate.state.RunLock;
import nautilus.autoupdate.update.PauseHook;
import nautilus.autoupdate.update.UpdateOptions;
import nautilus.autoupdate.update.UpdateResult;
import nautilus.autoupdate.update.Updater;
import nautilus.autoupdate.update.UpdaterFactory;
import nautilus.autoupdate.version.Version;

/**
 * The {@code update} command's work: in the repository lock, the report (given or analyzed), the
 * update policy's refusal, then the same {@link Updater} as {@link BranchUpdate}, or its preview in
 * a dry run, and the result line.
 */
public final class UpdateFlow {
  /**
   * What was asked: {@code report} a report file instead of the analysis, {@code to} the version
   * (null: the report's), {@code releasesMd} the notes quoted in the PR (both relative to the
   * working directory; null: none).
   */
  public record Request(
      Path root,
      AutoUpdateConfig config,
      UpdateOptions options,
      Path report,
      String to,
      Path releasesMd,
      boolean force,
      boolean dryRun) {}

  private final CommandIo io;

  public UpdateFlow(CommandIo io) {
    this.io = io;
  }

  /** Stops in one line when {@code root} is not in a git checkout. */
  public static void requireGit(Path root) {
    if (!new Git(root).tryRun("rev-parse", "--show-toplevel").ok()) {
      throw new UserError(root + " is not in a git repository: update works on a git checkout");
    }
  }

  /** Runs the update; {@code analysis} is check's analysis, run only without a report file. */
  public CommandEnd run(Request req, Supplier<ImpactAnalyzer.Outcome> analysis) {
    if (req.dryRun()) {
      return update(req, analysis);
    }
    // The same lock as run's: two updates of one repository would race on its branch and worktrees.
    try (RunLock lock = RepoLock.take(io.workingDir(), io.err(), req.config(), "update")) {
      return update(req, analysis);
    }
  }

  private CommandEnd update(Request req, Supplier<ImpactAnalyzer.Outcome> analysis) {
    Optional<ImpactReport> analyzed = impactReport(req, analysis);
    if (analyzed.isEmpty()) {
      return CommandEnd.DONE;
    }
    ImpactReport impact = analyzed.get();
    Version version = req.to() != null ? Version.parse(req.to()) : impact.version();
    String branch = req.config().branchPrefix() + version;

    Optional<String> refused = UpdatePolicy.refusal(impact, req.force());
    if (refused.isPresent()) {
      print(
          new UpdateResult(
              false, version.toString(), branch, null, null, null, refused.get(), Instant.now()));
      return CommandEnd.REFUSED;
    }

    try (StepLog printer = io.steps().get()) {
      UpdaterFactory factory =
          new UpdaterFactory(
              req.config(),
              req.root(),
              io.env(),
              req.options(),
              io.proof(req.root(), req.config(), req.options().offline(), req.dryRun()),
              printer::line,
              PauseHook.fromProperty(io.err()),
              Clock.systemUTC());
      Updater updater = factory.updater(version, impact);
      Updater.Request request = factory.request(version, impact, notesExcerpt(req, version));
      if (req.dryRun()) {
        printer.line("dry run: nothing is changed anywhere");
        updater.preview(request, factory.checkout()).forEach(printer::line);
        if (io.json()) {
          print(
              new UpdateResult(
                  true, version.toString(), branch, null, null, null, null, Instant.now()));
        }
        return CommandEnd.DONE;
      }
      UpdateResult result = updater.run(request);
      print(result);
      return result.success() ? CommandEnd.DONE : CommandEnd.FAILED;
    }
  }

  /** The report of --report, else the analysis as check runs it; empty when already current. */
  private Optional<ImpactReport> impactReport(
      Request req, Supplier<ImpactAnalyzer.Outcome> analysis) {
    if (req.report() == null) {
      ImpactAnalyzer.Outcome outcome = analysis.get();
      if (!outcome.updateAvailable()) {
        io.out().println(ResultText.upToDate(req.config(), outcome));
        io.out().flush();
      }
      return outcome.report();
    }
    return Optional.of(ReportFile.readFile(io.workingDir().resolve(req.report())));
  }

  private String notesExcerpt(Request req, Version version) {
    Path file = req.releasesMd() == null ? null : io.workingDir().resolve(req.releasesMd());
    return UpdaterFactory.notesExcerpt(file, version);
  }

  private void print(UpdateResult r) {
    io.out().print(ResultText.update(r, io.json(), io.color()));
    io.out().flush();
  }
}

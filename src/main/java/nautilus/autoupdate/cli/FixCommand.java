package nautilus.autoupdate.cli;

import java.nio.file.Path;
import java.util.Optional;
import nautilus.autoupdate.config.AutoUpdateConfig;
import nautilus.autoupdate.cycle.RepoLock;
import nautilus.autoupdate.fix.FixEngine;
import nautilus.autoupdate.impact.ImpactReport;
import nautilus.autoupdate.report.FixText;
import nautilus.autoupdate.report.Format;
import nautilus.autoupdate.report.ReportFile;
import nautilus.autoupdate.state.RunLock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `fix`: rewrites the working tree for the breaking changes a machine can fix. */
@Command(
    name = "fix",
    mixinStandardHelpOptions = true,
    description = {
      "Rewrites our code for the breaking changes a machine can fix: moved and renamed imports,"
          + " names, attributes, methods, enum members, keyword arguments, property/method"
          + " changes, import paths in config strings and notebook cells.",
      "Only certain sites are edited; each edit changes only the bytes it must, is proved by a"
          + " re-parse, a re-check and the target version's API model (its imports, names and"
          + " keywords must exist there; no model, no edit), and the rest is listed for the agent"
          + " or a person with the reason.",
      "Takes the repository lock (as update and run do), waiting up to lock_wait_seconds."
    })
final class FixCommand extends BaseCommand {
  @Mixin RepoOptions repo;

  @Option(
      names = "--from",
      paramLabel = "V",
      description = "The version we are on (default: the pin or lock in the repository).")
  String from;

  @Option(
      names = "--to",
      paramLabel = "V",
      description = "The version to adapt to (default: the newest release the notes know).")
  String to;

  @Mixin ReleaseNotesOption notes = new ReleaseNotesOption();

  @Option(
      names = "--report",
      paramLabel = "FILE",
      description = "Fix the sites of this impact report (saved by `check --format json`).")
  Path report;

  @Option(names = "--offline", description = "Use only local files; no network.")
  boolean offline;

  @Mixin ApiDiffOption apiDiff = new ApiDiffOption();

  @Option(
      names = "--dry-run",
      description = "Change nothing; print the unified diff of what would change.")
  boolean dryRun;

  @Mixin FormatOption format = FormatOption.of(Format.TEXT, Format.JSON, Format.DIFF);

  @Override
  public Integer call() {
    notes.exclusiveWith("--report=FILE", report != null);
    Path root = repo.repoRoot(context());
    // api_diff matters to the analysis only; the lock and the proof read the rest.
    AutoUpdateConfig cfg =
        repo.load(context(), RepoOptions.flags("api_diff", apiDiff.value())).config();
    // Fix edits the working tree: never while update, run or dispatch work on the repository.
    try (RunLock lock =
        dryRun ? null : RepoLock.take(context().workingDir(), context().err(), cfg, "fix")) {
      Optional<ImpactReport> analyzed = report(root, cfg);
      if (analyzed.isPresent()) {
        // The proof is not optional: without the target's model no edit is written.
        var proof = Analysis.proof(context(), root, cfg, offline, dryRun, verbose());
        var run = new FixEngine(proof).apply(root, analyzed.get(), dryRun);
        print(FixText.output(format.value(), run, analyzed.get(), dryRun, color()));
      }
      return ExitCodes.OK;
    }
  }

  /** The report of --report, else the analysis as check runs it; empty when already current. */
  private Optional<ImpactReport> report(Path root, AutoUpdateConfig cfg) {
    if (report != null) {
      return Optional.of(ReportFile.readFile(context().workingDir().resolve(report)));
    }
    var outcome = Analysis.run(context(), root, cfg, notes, from, to, offline, verbose());
    if (!outcome.updateAvailable()) {
      notices(format).println(Analysis.upToDate(cfg, outcome));
    }
    return outcome.report();
  }
}

package nautilus.autoupdate.cli;

import java.nio.file.Path;
import nautilus.autoupdate.config.AutoUpdateConfig;
import nautilus.autoupdate.impact.ImpactAnalyzer;
import nautilus.autoupdate.impact.ImpactReport;
import nautilus.autoupdate.report.CheckText;
import nautilus.autoupdate.report.Format;
import nautilus.autoupdate.report.ReportFile;
import nautilus.autoupdate.report.ReportFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code check}: the breaking changes between our version and a target, and where they hit. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Finds every file and line of the repository that the breaking changes between the current"
          + " nautilus_trader version and a target version reach (from the release notes and the"
          + " API diff of the two versions' wheels), rates the upgrade and prints a report (also"
          + " saved as JSON in state_dir).",
      "Exit codes: 0 no update needed, 1 error, 2 update available (report printed)."
    })
final class CheckCommand extends BaseCommand {
  @Mixin RepoOptions repo;

  @Option(
      names = "--from",
      paramLabel = "V",
      description =
          "Version to upgrade from (default: the pin in uv.lock, pyproject.toml or"
              + " requirements*.txt).")
  String from;

  @Option(
      names = "--to",
      paramLabel = "V",
      description =
          "Version to upgrade to (default: the newest released version in the notes"
              + " for the configured channel).")
  String to;

  @Mixin ReleaseNotesOption notes = new ReleaseNotesOption();

  @Option(
      names = "--offline",
      description =
          "Use only local files, never the network: the API diff only from snapshots and"
              + " distributions cached in state_dir (the report says what was skipped).")
  boolean offline;

  @Mixin ApiDiffOption apiDiff = new ApiDiffOption();

  @Mixin FormatOption format = FormatOption.of(Format.TEXT, Format.JSON, Format.MARKDOWN);

  @Override
  public Integer call() {
    ReportFormat fmt = format.value().report();
    Path root = repo.repoRoot(context());
    AutoUpdateConfig cfg =
        repo.load(context(), RepoOptions.flags("api_diff", apiDiff.value())).config();
    ImpactAnalyzer.Outcome outcome =
        Analysis.run(context(), root, cfg, notes, from, to, offline, verbose());
    if (!outcome.updateAvailable()) {
      notices(format).println(Analysis.upToDate(cfg, outcome));
      return ExitCodes.OK;
    }
    ImpactReport report = outcome.report().get();
    Path saved = ReportFile.write(root.resolve(cfg.stateDir()), report);
    print(fmt.renderer(color()).render(report));
    if (verbose()) {
      context().err().print(CheckText.verbose(outcome, saved));
      context().err().flush();
    }
    return ExitCodes.UPDATE_AVAILABLE;
  }
}

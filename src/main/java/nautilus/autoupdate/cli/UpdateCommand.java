package nautilus.autoupdate.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import nautilus.autoupdate.UserError;
import nautilus.autoupdate.config.AutoUpdateConfig;
import nautilus.autoupdate.cycle.RepoLock;
import nautilus.autoupdate.cycle.UpdatePolicy;
import nautilus.autoupdate.git.Git;
import nautilus.autoupdate.impact.ImpactAnalyzer;
import nautilus.autoupdate.impact.ImpactReport;
import nautilus.autoupdate.report.ReportFile;
import nautilus.autoupdate.report.ResultText;
import nautilus.autoupdate.state.RunLock;
import nautilus.autoupdate.update.UpdateResult;
import nautilus.autoupdate.update.Updater;
import nautilus.autoupdate.update.UpdaterFactory;
import nautilus.autoupdate.version.Version;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code update}: the version branch, tests against the base, commit, push and pull request. */
@Command(
    name = "update",
    mixinStandardHelpOptions = true,
    description = {
      "Updates the pin to a new NautilusTrader version on its own branch and opens a pull request.",
      "Works in a temporary git worktree: your checkout, branch, index and uncommitted files are"
          + " never touched. Runs the tests on the base commit and on the update, commits through"
          + " your hooks, pushes {branch_prefix}{version} and creates or updates one PR.",
      "Takes the repository lock run takes; while another command holds it, waits up to"
          + " lock_wait_seconds, then fails naming it.",
      "The tests, lock_command and git hooks run without the tool's secrets (GITHUB_TOKEN,"
          + " GH_TOKEN, the webhook and SMTP variables, secret-looking names): list what your"
          + " tests need in child_env.",
      "Exit codes: 0 done, 1 error or new test failures, 3 refused (recommendation manual or"
          + " blocked; --force overrides)."
    })
final class UpdateCommand extends BaseCommand {
  /** Test hook (see {@link #pauseHook}): the step to wait before, and the line announcing it. */
  static final String PAUSE_PROPERTY = "nautilus.autoupdate.pauseBefore";

  static final String PAUSED = "paused before ";

  @Mixin RepoOptions repo;

  @Option(
      names = "--from",
      paramLabel = "V",
      description = "The version updated from, as for check (default: the pinned version).")
  String from;

  @Option(
      names = "--to",
      paramLabel = "V",
      description = "The version to update to (default: the report's version, the newest).")
  String to;

  @Mixin ReleaseNotesOption notes = new ReleaseNotesOption();

  @Option(
      names = "--report",
      paramLabel = "FILE",
      description =
          "Use this impact report (JSON from 'check --format json') instead of running the"
              + " analysis as check does.")
  Path report;

  @Mixin UpdateFlags flags;

  @Option(names = "--offline", description = "No network: no fetch, no push, no pull request.")
  boolean offline;

  @Mixin ApiDiffOption apiDiff = new ApiDiffOption();

  @Option(
      names = "--force",
      description = "Update even when the recommendation is manual or blocked.")
  boolean force;

  @Option(
      names = "--dry-run",
      description =
          "Print every step (files and diffs, commands, API calls) and change nothing anywhere.")
  boolean dryRun;

  @Mixin FormatOption format = new FormatOption();

  @Override
  public Integer call() {
    boolean json = format.json();
    PrintWriter out = context().out();
    // With JSON on stdout, step lines go to stderr so the output stays parseable.
    PrintWriter steps = json ? context().err() : out;
    Path root = repo.repoRoot(context());
    Git git = new Git(root);
    if (!git.tryRun("rev-parse", "--show-toplevel").ok()) {
      throw new UserError(root + " is not in a git repository: update works on a git checkout");
    }
    AutoUpdateConfig config =
        repo.load(
                context(),
                RepoOptions.flags(
                    "dry_run", dryRun ? Boolean.TRUE : null, "api_diff", apiDiff.value()))
            .config();
    if (dryRun) {
      return update(root, config, json, out, steps);
    }
    // The same lock as run's: two updates of one repository would race on its branch and worktrees.
    try (RunLock lock = RepoLock.take(context().workingDir(), context().err(), config, "update")) {
      return update(root, config, json, out, steps);
    }
  }

  private int update(
      Path root, AutoUpdateConfig config, boolean json, PrintWriter out, PrintWriter steps) {
    Optional<ImpactReport> analyzed = impactReport(root, config);
    if (analyzed.isEmpty()) {
      return ExitCodes.OK;
    }
    ImpactReport impact = analyzed.get();
    Version version = to != null ? Version.parse(to) : impact.version();
    String branch = config.branchPrefix() + version;

    Optional<String> refused = UpdatePolicy.refusal(impact, force);
    if (refused.isPresent()) {
      String why = refused.get();
      print(
          out,
          json,
          new UpdateResult(
              false, version.toString(), branch, null, null, null, why, Instant.now()));
      return ExitCodes.REFUSED;
    }

    try (StepPrinter printer = new StepPrinter(steps, context().terminal() && !json, color())) {
      UpdaterFactory factory =
          new UpdaterFactory(
              config,
              root,
              context().env(),
              flags.options(offline),
              Analysis.proof(context(), root, config, offline, dryRun, verbose()),
              printer::line,
              pauseHook(),
              Clock.systemUTC());
      Updater updater = factory.updater(version, impact);
      Updater.Request req = factory.request(version, impact, notesExcerpt(version));
      if (dryRun) {
        printer.line("dry run: nothing is changed anywhere");
        updater.preview(req, factory.checkout()).forEach(printer::line);
        if (json) {
          print(
              out,
              true,
              new UpdateResult(
                  true, version.toString(), branch, null, null, null, null, Instant.now()));
        }
        return ExitCodes.OK;
      }
      UpdateResult result = updater.run(req);
      print(out, json, result);
      return result.success() ? ExitCodes.OK : ExitCodes.ERROR;
    }
  }

  /**
   * With {@code -Dnautilus.autoupdate.pauseBefore=STEP} (tests only) the run announces the step on
   * stderr and waits there to be killed, so a test can kill the real process at each step in turn.
   */
  private Updater.StepHook pauseHook() {
    String at = System.getProperty(PAUSE_PROPERTY);
    return step -> {
      if (step.name().equals(at)) {
        context().err().println(PAUSED + step);
        context().err().flush();
        try {
          Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while paused before " + step, e);
        }
      }
    };
  }

  /** The report of --report, else the analysis as check runs it; empty when already current. */
  private Optional<ImpactReport> impactReport(Path root, AutoUpdateConfig config) {
    if (report == null) {
      ImpactAnalyzer.Outcome outcome =
          Analysis.run(
              context(),
              root,
              config,
              notes.releasesMd(),
              notes.changelogJson(),
              from,
              to,
              offline,
              verbose());
      if (!outcome.updateAvailable()) {
        context().out().println(Analysis.upToDate(config, outcome));
        context().out().flush();
      }
      return outcome.report();
    }
    return Optional.of(ReportFile.readFile(context().workingDir().resolve(report)));
  }

  private String notesExcerpt(Version version) {
    Path file =
        notes.releasesMd() == null ? null : context().workingDir().resolve(notes.releasesMd());
    return UpdaterFactory.notesExcerpt(file, version);
  }

  private void print(PrintWriter out, boolean json, UpdateResult r) {
    out.print(ResultText.update(r, json, color()));
    out.flush();
  }
}

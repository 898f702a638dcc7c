package nautilus.autoupdate.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import nautilus.autoupdate.CommandRunner;
import nautilus.autoupdate.Json;
import nautilus.autoupdate.UserError;
import nautilus.autoupdate.config.AutoUpdateConfig;
import nautilus.autoupdate.deps.UvLockRefresher;
import nautilus.autoupdate.fix.FixEngine;
import nautilus.autoupdate.fix.ReplanRecheck;
import nautilus.autoupdate.git.Git;
import nautilus.autoupdate.git.Worktrees;
import nautilus.autoupdate.github.GitHubClient;
import nautilus.autoupdate.github.GitHubRepo;
import nautilus.autoupdate.github.GitHubToken;
import nautilus.autoupdate.github.PullRequests;
import nautilus.autoupdate.impact.ImpactAnalyzer;
import nautilus.autoupdate.impact.ImpactReport;
import nautilus.autoupdate.impact.Recommendation;
import nautilus.autoupdate.update.FixStep;
import nautilus.autoupdate.update.LockStep;
import nautilus.autoupdate.update.NotesExcerpt;
import nautilus.autoupdate.update.PinStep;
import nautilus.autoupdate.update.UpdateResult;
import nautilus.autoupdate.update.Updater;
import nautilus.autoupdate.update.WorkspaceStep;
import nautilus.autoupdate.verify.BaselineCache;
import nautilus.autoupdate.verify.TestEnvironment;
import nautilus.autoupdate.verify.TestRunner;
import nautilus.autoupdate.version.Version;
import picocli.CommandLine.ArgGroup;
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
      "Exit codes: 0 done, 1 error or new test failures, 3 refused (recommendation manual or"
          + " blocked; --force overrides)."
    })
final class UpdateCommand extends BaseCommand {

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

  /** Where the release notes come from; mutually exclusive, as for check. */
  static final class Source {
    @Option(
        names = "--releases-md",
        paramLabel = "FILE",
        description = "Read release notes from this RELEASES.md.")
    Path releasesMd;

    @Option(
        names = "--changelog-json",
        paramLabel = "FILE",
        description = "Read release notes from this N8N changelog JSON.")
    Path changelogJson;
  }

  @ArgGroup(exclusive = true)
  Source source;

  @Option(
      names = "--report",
      paramLabel = "FILE",
      description =
          "Use this impact report (JSON from 'check --format json') instead of running the"
              + " analysis as check does.")
  Path report;

  @Option(
      names = "--no-fix",
      description =
          "Do not rewrite code for the breaking changes (no 'fix: adapt to ...' commit); only"
              + " the pin and the lock move.")
  boolean noFix;

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

  @Option(names = "--no-push", description = "Commit on the local branch only; no push, no PR.")
  boolean noPush;

  @Option(names = "--skip-tests", description = "Do not run the tests (base or update).")
  boolean skipTests;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "Output: text (step lines) or json (UpdateResult). Default: ${DEFAULT-VALUE}.")
  String format;

  @Override
  public Integer call() {
    boolean json =
        switch (format) {
          case "json" -> true;
          case "text" -> false;
          default -> throw new UserError("--format " + format + ": expected text or json");
        };
    PrintWriter out = context().out();
    // With JSON on stdout, step lines go to stderr so the output stays parseable.
    PrintWriter steps = json ? context().err() : out;
    Path root = repo.repoRoot(context());
    Git git = new Git(root);
    Path top = Path.of(git.run("rev-parse", "--show-toplevel"));
    AutoUpdateConfig loaded = repo.load(context(), RepoOptions.flags()).config();
    // The analysis caches parsed files in state_dir: keep it in the git dir, off the working tree.
    AutoUpdateConfig config =
        repo.load(
                context(),
                RepoOptions.flags(
                    "state_dir",
                    stateDir(git, loaded),
                    "dry_run",
                    dryRun ? Boolean.TRUE : null,
                    "api_diff",
                    apiDiff.value()))
            .config();
    Optional<ImpactReport> analyzed = impactReport(root, config);
    if (analyzed.isEmpty()) {
      return ExitCodes.OK;
    }
    ImpactReport impact = analyzed.get();
    Version version = to != null ? Version.parse(to) : impact.version();
    String branch = config.branchPrefix() + version;

    Recommendation rec = impact.recommendation();
    if (!force && (rec == Recommendation.MANUAL || rec == Recommendation.BLOCKED)) {
      String why =
          "refused: the recommendation is "
              + rec.id()
              + " (confidence "
              + impact.confidenceScore()
              + ", "
              + impact.actions().size()
              + " manual action(s)); review the report, or run with --force";
      print(
          out,
          json,
          new UpdateResult(false, version.toString(), branch, null, null, why, Instant.now()));
      return ExitCodes.REFUSED;
    }

    try (StepPrinter printer = new StepPrinter(steps, context().terminal() && !json, color())) {
      Path project = top.relativize(root.toRealPath());
      return update(config, git, top, project, impact, version, branch, printer, json);
    } catch (IOException e) {
      throw new UserError("cannot resolve " + root + ": " + e.getMessage(), e);
    }
  }

  private int update(
      AutoUpdateConfig config,
      Git git,
      Path top,
      Path project,
      ImpactReport impact,
      Version version,
      String branch,
      StepPrinter printer,
      boolean json) {
    PrintWriter out = context().out();
    CommandRunner runner = new CommandRunner();
    TestEnvironment env = TestEnvironment.detect(runner, top);
    TestRunner tests = new TestRunner(runner, env, Duration.ofSeconds(config.testTimeoutSeconds()));
    Worktrees worktrees = new Worktrees(git, Worktrees.defaultRoot(git));
    boolean publish = !offline && !noPush;
    Updater updater =
        new Updater(
            config,
            git,
            worktrees,
            tests,
            new BaselineCache(stateDir(git, config).resolve("baselines")),
            workspaceSteps(config, version, impact, project),
            publish ? pullRequests(git, config, top) : null,
            printer::line,
            s -> {},
            Clock.systemUTC());
    Updater.Request req =
        new Updater.Request(version, impact, notesExcerpt(version), offline, !noPush, !skipTests);

    if (dryRun) {
      printer.line("dry run: nothing is changed anywhere");
      updater.preview(req, top).forEach(printer::line);
      if (json) {
        print(
            out,
            true,
            new UpdateResult(true, version.toString(), branch, null, null, null, Instant.now()));
      }
      return ExitCodes.OK;
    }
    UpdateResult result = updater.run(req);
    print(out, json, result);
    return result.success() ? ExitCodes.OK : ExitCodes.ERROR;
  }

  /** The report of --report, else the analysis as check runs it; empty when already current. */
  private Optional<ImpactReport> impactReport(Path root, AutoUpdateConfig config) {
    if (report == null) {
      ImpactAnalyzer.Outcome outcome =
          Analysis.run(
              context(),
              root,
              config,
              source == null ? null : source.releasesMd,
              source == null ? null : source.changelogJson,
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
    Path file = context().workingDir().resolve(report);
    try {
      return Optional.of(Json.mapper().readValue(file.toFile(), ImpactReport.class));
    } catch (JsonProcessingException e) {
      throw new UserError(
          file
              + ":"
              + (e.getLocation() == null ? 0 : e.getLocation().getLineNr())
              + ": not an impact report ("
              + e.getOriginalMessage()
              + ")",
          e);
    } catch (IOException e) {
      throw new UserError("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private String notesExcerpt(Version version) {
    if (source == null || source.releasesMd == null) {
      return null;
    }
    Path file = context().workingDir().resolve(source.releasesMd);
    try {
      return NotesExcerpt.fromReleasesMd(Files.readString(file), version);
    } catch (IOException e) {
      throw new UserError("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** The edits of the update: the pin, the lock, and (unless --no-fix) the code fixes. */
  private List<WorkspaceStep> workspaceSteps(
      AutoUpdateConfig config, Version version, ImpactReport impact, Path project) {
    List<WorkspaceStep> steps = new ArrayList<>();
    steps.add(new PinStep(config, version, project));
    steps.add(
        new LockStep(
            config,
            new UvLockRefresher(context().env(), Duration.ofSeconds(config.testTimeoutSeconds())),
            project));
    if (!noFix) {
      steps.add(
          new FixStep(
              new FixEngine(new ReplanRecheck()), impact, config.packageName(), version, project));
    }
    return steps;
  }

  /**
   * The state directory: as configured when absolute, else inside the repository's git dir, so
   * nothing is written into the user's working tree.
   */
  static Path stateDir(Git git, AutoUpdateConfig config) {
    Path configured = Path.of(config.stateDir());
    if (configured.isAbsolute()) {
      return configured;
    }
    Path gitDir = Path.of(git.run("rev-parse", "--path-format=absolute", "--git-common-dir"));
    return gitDir.resolve("nautilus-autoupdate").resolve(configured);
  }

  private PullRequests pullRequests(Git git, AutoUpdateConfig config, Path top) {
    Optional<String> token = GitHubToken.resolve(context().env(), new CommandRunner(), top);
    if (token.isEmpty()) {
      return null;
    }
    GitHubRepo gh = GitHubRepo.parse(git.run("remote", "get-url", config.remote()));
    return new PullRequests(
        GitHubClient.create(
            URI.create(config.githubApiUrl()),
            token.get(),
            Duration.ofSeconds(config.httpTimeoutSeconds())),
        gh);
  }

  private void print(PrintWriter out, boolean json, UpdateResult r) {
    if (json) {
      try {
        out.println(Json.mapper().writeValueAsString(r));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
      out.flush();
      return;
    }
    String mark = r.success() ? "done" : "not done";
    if (color()) {
      mark = (r.success() ? "\u001b[32m" : "\u001b[31m") + mark + "\u001b[0m";
    }
    out.println(mark + ": " + r.branchName() + (r.prUrl() == null ? "" : " " + r.prUrl()));
    if (r.errorMessage() != null) {
      out.println("  " + r.errorMessage());
    }
    out.flush();
  }
}

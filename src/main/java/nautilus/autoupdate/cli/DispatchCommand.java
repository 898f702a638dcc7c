package nautilus.autoupdate.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import nautilus.autoupdate.UserError;
import nautilus.autoupdate.agent.DispatchResult;
import nautilus.autoupdate.agent.Dispatcher;
import nautilus.autoupdate.agent.Dispatchers;
import nautilus.autoupdate.config.AutoUpdateConfig;
import nautilus.autoupdate.cycle.RepoLock;
import nautilus.autoupdate.fix.Proof;
import nautilus.autoupdate.git.Git;
import nautilus.autoupdate.impact.ImpactAnalyzer;
import nautilus.autoupdate.impact.ImpactReport;
import nautilus.autoupdate.impact.Recommendation;
import nautilus.autoupdate.report.ResultText;
import nautilus.autoupdate.state.RunLock;
import nautilus.autoupdate.state.StateDb;
import nautilus.autoupdate.update.UpdateOptions;
import nautilus.autoupdate.update.UpdaterFactory;
import nautilus.autoupdate.version.Version;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dispatch}: hand what the automatic fixes left on the update branch to the agent. */
@Command(
    name = "dispatch",
    mixinStandardHelpOptions = true,
    description = {
      "Hands what the automatic fixes leave on the update branch {branch_prefix}{version} to the"
          + " coding agent (agent_command), and keeps its work only when it is safe and better.",
      "Makes the branch as 'update' does when it is missing, else works in a git worktree of it"
          + " (your checkout is never touched). The agent runs there as an argument list, never"
          + " through a shell, with the brief on stdin, only the environment agent_env allows,"
          + " and agent_timeout_seconds as the limit (its process group is killed past it).",
      "Then its diff is checked: a touched pin or lock, CI file or this tool's config, a deleted"
          + " or skipped test, or a weakened assertion drops all its edits. The analysis and the"
          + " tests run again; 'fix: agent adaptation to <package> <version>' is committed and"
          + " pushed only when no test regressed and fewer breaks are left. Otherwise the PR"
          + " becomes a draft that says why.",
      "Each run and its outcome are stored; a second dispatch for the same version resumes, or"
          + " says that it is done.",
      "Exit codes: 0 done (or nothing left), 1 error or the agent's work not kept, 3 refused"
          + " (recommendation blocked)."
    })
final class DispatchCommand extends BaseCommand {
  @Mixin RepoOptions repo;

  @Option(
      names = "--to",
      paramLabel = "V",
      description = "The version of the update branch (default: the newest the notes know).")
  String to;

  @Option(
      names = "--dry-run",
      description = "Print the steps, the agent's command and environment names; change nothing.")
  boolean dryRun;

  @Mixin FormatOption format = new FormatOption();

  @Override
  public Integer call() {
    boolean json = format.json();
    PrintWriter out = context().out();
    PrintWriter steps = json ? context().err() : out;
    Path root = repo.repoRoot(context());
    AutoUpdateConfig loaded = repo.load(context(), RepoOptions.flags()).config();
    // A dry run writes nothing, not even the API cache (as update --dry-run).
    AutoUpdateConfig config = dispatchConfig(root, loaded).with("dry_run", dryRun);
    Path stateDir = Path.of(config.stateDir());
    // The repository lock of run, update and fix: one of them works on a repository at a time.
    RunLock lock =
        dryRun ? null : RepoLock.take(context().workingDir(), context().err(), config, "dispatch");
    try (StepPrinter printer = new StepPrinter(steps, context().terminal() && !json, color());
        StateDb state =
            dryRun
                ? StateDb.openSnapshot(stateDir, Clock.systemUTC())
                : StateDb.open(stateDir, Clock.systemUTC())) {
      ImpactAnalyzer.Outcome outcome =
          Analysis.run(context(), root, config, null, null, null, to, false, verbose());
      if (!outcome.updateAvailable()) {
        out.println(Analysis.upToDate(config, outcome));
        return ExitCodes.OK;
      }
      ImpactReport impact = outcome.report().get();
      Version version = impact.version();
      if (impact.recommendation() == Recommendation.BLOCKED) {
        throw new RefusedError(
            "refused: "
                + version
                + " is blocked ("
                + impact.actions().size()
                + " action(s) for a person, e.g. "
                + (impact.actions().isEmpty() ? "see check" : impact.actions().get(0).text())
                + "); the agent may not change what blocks it");
      }
      Proof proof = Analysis.proof(context(), root, config, false, dryRun, verbose());
      UpdaterFactory factory =
          new UpdaterFactory(
              config,
              root,
              context().env(),
              new UpdateOptions(false, true, !config.skipTests(), true),
              proof,
              printer::line,
              step -> {},
              Clock.systemUTC());
      Dispatcher d =
          Dispatchers.build(
              factory,
              config,
              context().env(),
              state,
              version,
              impact,
              UpdaterFactory.notesExcerpt(notesFile(root, config), version),
              analyzer(context(), config, impact, verbose()),
              proof,
              null,
              printer::line);
      DispatchResult r = d.run(version, dryRun);
      print(out, json, r);
      return r.success() ? ExitCodes.OK : ExitCodes.ERROR;
    } catch (RefusedError e) {
      context().err().println("error: " + e.getMessage());
      return ExitCodes.REFUSED;
    } finally {
      if (lock != null) {
        lock.close();
      }
    }
  }

  /** A refusal: exit code 3 instead of 1. */
  private static final class RefusedError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RefusedError(String message) {
      super(message);
    }
  }

  /**
   * The configuration as dispatch uses it: the analysis cache in the git dir (off the working
   * tree), and the release notes as an absolute path, so the analysis of a worktree reads them too.
   */
  static AutoUpdateConfig dispatchConfig(Path root, AutoUpdateConfig loaded) {
    AutoUpdateConfig c =
        loaded.with("state_dir", UpdaterFactory.stateDir(new Git(root), loaded).toString());
    if (loaded.releasesMd() != null && !loaded.releasesMd().isBlank()) {
      c = c.with("releases_md", root.resolve(loaded.releasesMd()).normalize().toString());
    }
    if (loaded.changelogPath() != null) {
      c = c.with("changelog_path", root.resolve(loaded.changelogPath()).normalize().toString());
    }
    return c;
  }

  /**
   * The analysis of a worktree of the update branch: as check runs it, from the version the user
   * pins to the update's version (the branch already pins the new one).
   */
  static Dispatcher.Analyzer analyzer(
      CliContext ctx, AutoUpdateConfig config, ImpactReport impact, boolean verbose) {
    return dir ->
        Analysis.run(
                ctx,
                dir,
                config,
                null,
                null,
                impact.previousVersion().toString(),
                impact.version().toString(),
                false,
                verbose)
            .report()
            .orElseThrow(
                () ->
                    new UserError(
                        "the analysis of " + dir + " found no update to " + impact.version()));
  }

  private static Path notesFile(Path root, AutoUpdateConfig config) {
    return config.releasesMd() == null || config.releasesMd().isBlank()
        ? null
        : root.resolve(config.releasesMd());
  }

  private void print(PrintWriter out, boolean json, DispatchResult r) {
    out.print(ResultText.dispatch(r, json, color()));
    out.flush();
  }
}

package nautilus.autoupdate.cycle;

import java.nio.file.Path;
import java.time.Clock;
import nautilus.autoupdate.UserError;
import nautilus.autoupdate.agent.DispatchResult;
import nautilus.autoupdate.agent.Dispatcher;
import nautilus.autoupdate.agent.Dispatchers;
import nautilus.autoupdate.config.AutoUpdateConfig;
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

/**
 * The {@code dispatch} command's work: in the repository lock and the state database, check's
 * analysis, the refusal of a blocked version, then the same {@link Dispatcher} as {@link
 * AgentDispatch} in {@code run}, and the result line.
 */
public final class DispatchFlow {
  /**
   * Check's analysis of {@code dir} from {@code from} to {@code to} (null: the pin, the newest).
   */
  public interface Analysis {
    ImpactAnalyzer.Outcome run(Path dir, AutoUpdateConfig config, String from, String to);
  }

  private final CommandIo io;

  public DispatchFlow(CommandIo io) {
    this.io = io;
  }

  /** Dispatches the update to {@code to} (null: the newest the notes know). */
  public CommandEnd run(
      Path root, AutoUpdateConfig loaded, String to, boolean dryRun, Analysis analysis) {
    // A dry run writes nothing, not even the API cache (as update --dry-run).
    AutoUpdateConfig config = dispatchConfig(root, loaded).with("dry_run", dryRun);
    Path stateDir = Path.of(config.stateDir());
    // The repository lock of run, update and fix: one of them works on a repository at a time.
    RunLock lock = dryRun ? null : RepoLock.take(io.workingDir(), io.err(), config, "dispatch");
    try (StepLog printer = io.steps().get();
        StateDb state =
            dryRun
                ? StateDb.openSnapshot(stateDir, Clock.systemUTC())
                : StateDb.open(stateDir, Clock.systemUTC())) {
      ImpactAnalyzer.Outcome outcome = analysis.run(root, config, null, to);
      if (!outcome.updateAvailable()) {
        io.out().println(ResultText.upToDate(config, outcome));
        return CommandEnd.DONE;
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
      Proof proof = io.proof(root, config, false, dryRun);
      UpdaterFactory factory =
          new UpdaterFactory(
              config,
              root,
              io.env(),
              new UpdateOptions(false, true, !config.skipTests(), true),
              proof,
              printer::line,
              step -> {},
              Clock.systemUTC());
      Dispatcher d =
          Dispatchers.build(
              factory,
              config,
              io.env(),
              state,
              version,
              impact,
              UpdaterFactory.notesExcerpt(notesFile(root, config), version),
              analyzer(analysis, config, impact),
              proof,
              null,
              printer::line);
      DispatchResult r = d.run(version, dryRun);
      io.out().print(ResultText.dispatch(r, io.json(), io.color()));
      io.out().flush();
      return r.success() ? CommandEnd.DONE : CommandEnd.FAILED;
    } catch (RefusedError e) {
      io.err().println("error: " + e.getMessage());
      return CommandEnd.REFUSED;
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
  private static Dispatcher.Analyzer analyzer(
      Analysis analysis, AutoUpdateConfig config, ImpactReport impact) {
    return dir ->
        analysis
            .run(dir, config, impact.previousVersion().toString(), impact.version().toString())
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
}

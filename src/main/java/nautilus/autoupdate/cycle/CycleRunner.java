package nautilus.autoupdate.cycle;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import nautilus.autoupdate.ProcessStamp;
import nautilus.autoupdate.UserError;
import nautilus.autoupdate.api.ApiDiffSource;
import nautilus.autoupdate.api.ApiModels;
import nautilus.autoupdate.config.AutoUpdateConfig;
import nautilus.autoupdate.detect.Upstream;
import nautilus.autoupdate.fix.ModelProof;
import nautilus.autoupdate.fix.Proof;
import nautilus.autoupdate.gate.MergeGate;
import nautilus.autoupdate.git.Git;
import nautilus.autoupdate.impact.ImpactAnalyzer;
import nautilus.autoupdate.notify.Event;
import nautilus.autoupdate.notify.Notifications;
import nautilus.autoupdate.report.Style;
import nautilus.autoupdate.state.RunLock;
import nautilus.autoupdate.update.UpdateOptions;
import nautilus.autoupdate.update.UpdaterFactory;
import nautilus.autoupdate.version.Version;

/**
 * One {@code run} cycle under the run lock, shared by the run and watch commands: it assembles the
 * stages from the configuration, runs {@link RunCycle} and prints what it did.
 */
public final class CycleRunner {
  /** Fault injection for the kill-and-rerun tests: halt the JVM right after the named step. */
  public static final String CRASH_PROPERTY = "nautilus.autoupdate.crashAfter";

  private final PrintWriter out;
  private final PrintWriter err;
  private final Map<String, String> env;
  private final Path workingDir;
  private final boolean color;
  private final UpdateOptions options;

  /**
   * @param workingDir the downstream repository (config paths resolve against it)
   * @param color whether the output may use ANSI colors
   */
  public CycleRunner(
      PrintWriter out,
      PrintWriter err,
      Map<String, String> env,
      Path workingDir,
      boolean color,
      UpdateOptions options) {
    this.out = out;
    this.err = err;
    this.env = env;
    this.workingDir = workingDir;
    this.color = color;
    this.options = options;
  }

  /**
   * Runs one cycle; returns normally also when another run holds the lock (that one does the work).
   *
   * @throws nautilus.autoupdate.UserError when the cycle stops on an error (told as a crash first)
   */
  public void runOnce(AutoUpdateConfig config, boolean dryRun, boolean writeChangelog) {
    Path stateDir = workingDir.resolve(config.stateDir());
    Optional<RunLock> lock = dryRun ? Optional.empty() : RunLock.tryAcquire(stateDir);
    if (!dryRun && lock.isEmpty()) {
      Optional<ProcessStamp> holder = RunLock.holder(stateDir);
      if (holder.isPresent() && !"run".equals(holder.get().command())) {
        // An update, fix or dispatch usually ends soon: wait for it as they wait for each other.
        try {
          lock = Optional.of(RepoLock.take(workingDir, err, config, "run"));
        } catch (RunLock.Held stillHeld) {
          holder = stillHeld.holder();
        }
      }
      if (lock.isEmpty()) {
        // Overlapping cron runs: the one working does this cycle's work.
        out.println(
            "another command is working ("
                + holder.map(ProcessStamp::describe).orElse("holder unknown")
                + " holds "
                + RunLock.file(stateDir)
                + "); nothing to do this time");
        return;
      }
    }
    Clock clock = Clock.systemUTC();
    try (Upstream up = Upstream.open(config, workingDir, env, clock, dryRun)) {
      List<String> warnings = new ArrayList<>();
      ImpactCheck check =
          new ImpactCheck(
              analyzer(dryRun),
              up.repoRoot(),
              up.config(),
              // A dry run writes nothing, not even the API cache.
              dryRun
                  ? ApiDiffSource.off("run --dry-run makes no API diff")
                  : ApiModels.diffSource(
                      up.repoRoot(), up.config(), env, err::println, false, false));
      UpdaterFactory factory = factory(up.config(), up.repoRoot(), clock, dryRun, warnings::add);
      RunCycle cycle =
          new RunCycle(
              up.detector(),
              up.state(),
              up.notes(),
              check,
              factory == null
                  ? null
                  : new BranchUpdate(factory, up.state(), MergeGate.Policy.of(up.config()), clock),
              factory == null ? null : dispatchStep(factory, up, check, dryRun),
              clock,
              crashHook());
      Notifications notify =
          dryRun
              ? Notifications.off()
              : Notifications.from(
                  up.config(), env, up.state(), clock, w -> err.println("warning: " + w));
      cycle.notifying(notify);
      Optional<Version> current = up.pinned();
      RunCycle.Result r;
      try {
        r = cycle.run(config.channel(), current, dryRun);
      } catch (RuntimeException e) {
        // Told once per error and day; the error itself still ends the run as before.
        notify.send(Event.crash(crashLine(e), clock.instant()));
        throw e;
      }
      warnings.addAll(r.detection().warnings());
      up.warnVanishedPin(current, r.detection(), warnings::add);
      warnings.forEach(w -> err.println("warning: " + w));
      r.detection()
          .newVersions()
          .forEach(
              d ->
                  out.println(
                      "new "
                          + Style.paint(color, "1;32", d.version().toString())
                          + " ("
                          + d.channel().id()
                          + ", published "
                          + Style.time(d.publishedAt())
                          + ")"));
      r.messages().forEach(out::println);
      if (writeChangelog && !dryRun) {
        out.println(up.writeChangelog(clock, w -> err.println("warning: " + w)));
      }
    } finally {
      lock.ifPresent(RunLock::close);
    }
  }

  /**
   * The updater of the update stage, as {@code update} builds it; none outside a git repository
   * (the cycle then records the report as {@code reported}).
   */
  private UpdaterFactory factory(
      AutoUpdateConfig config, Path repoRoot, Clock clock, boolean dryRun, Consumer<String> warn) {
    if (!new Git(repoRoot).tryRun("rev-parse", "--show-toplevel").ok()) {
      warn.accept(
          repoRoot + " is not in a git repository: run checks and records, but cannot update");
      return null;
    }
    var crash = crashHook();
    return new UpdaterFactory(
        config,
        repoRoot,
        env,
        options,
        // A dry run reads the target's model from the cache only: it writes nothing.
        proof(repoRoot, config, dryRun),
        this::step,
        step -> crash.accept("update:" + step.name().toLowerCase(Locale.ROOT)),
        clock);
  }

  /** The error as the user sees it on stderr: one line. */
  public static String crashLine(RuntimeException e) {
    String msg =
        e instanceof UserError
            ? e.getMessage()
            : "unexpected "
                + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage());
    return msg == null ? e.getClass().getSimpleName() : msg.lines().findFirst().orElse(msg);
  }

  /**
   * The dispatch stage: what the fixes leave goes to the coding agent on the update's branch, in
   * this run's lock and state. In a dry run only the question whether it would is asked, from the
   * cached API model alone.
   */
  private RunCycle.DispatchStep dispatchStep(
      UpdaterFactory factory, Upstream up, ImpactCheck check, boolean dryRun) {
    AutoUpdateConfig config = up.config();
    return new AgentDispatch(
        factory, config, env, up.state(), check, proof(up.repoRoot(), config, dryRun), this::step);
  }

  private Proof proof(Path repoRoot, AutoUpdateConfig config, boolean cacheOnly) {
    return ModelProof.of(
        ApiModels.lookup(repoRoot, config, env, err::println, options.offline(), cacheOnly, false),
        config);
  }

  private void step(String line) {
    out.println("→ " + line);
    out.flush();
  }

  /** Halts the JVM right after the step named by {@link #CRASH_PROPERTY} (tests only). */
  static Consumer<String> crashHook() {
    String at = System.getProperty(CRASH_PROPERTY);
    return step -> {
      if (step.equals(at)) {
        Runtime.getRuntime().halt(137);
      }
    };
  }

  private static ImpactAnalyzer analyzer(boolean dryRun) {
    ImpactAnalyzer a = ImpactAnalyzer.standard(Clock.systemUTC());
    return dryRun ? a.withoutParseCache() : a;
  }
}

package nautilus.autoupdate.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import nautilus.autoupdate.ProcessStamp;
import nautilus.autoupdate.UserError;
import nautilus.autoupdate.api.ApiDiffSource;
import nautilus.autoupdate.config.AutoUpdateConfig;
import nautilus.autoupdate.detect.AgentDispatch;
import nautilus.autoupdate.detect.BranchUpdate;
import nautilus.autoupdate.detect.ImpactCheck;
import nautilus.autoupdate.detect.RunCycle;
import nautilus.autoupdate.detect.Upstream;
import nautilus.autoupdate.gate.MergeGate;
import nautilus.autoupdate.git.Git;
import nautilus.autoupdate.impact.ImpactAnalyzer;
import nautilus.autoupdate.notify.Event;
import nautilus.autoupdate.notify.Notifications;
import nautilus.autoupdate.state.RunLock;
import nautilus.autoupdate.update.UpdateOptions;
import nautilus.autoupdate.update.UpdaterFactory;
import nautilus.autoupdate.version.Version;

/** One {@code run} cycle under the run lock, shared by the run and watch commands. */
final class CycleRunner {
  private final CliContext ctx;
  private final boolean color;
  private final UpdateOptions options;

  CycleRunner(CliContext ctx, boolean color, UpdateOptions options) {
    this.ctx = ctx;
    this.color = color;
    this.options = options;
  }

  /** Runs one cycle; returns an exit code (0 also when another run holds the lock). */
  int runOnce(AutoUpdateConfig config, boolean dryRun, boolean writeChangelog) {
    Path stateDir = ctx.workingDir().resolve(config.stateDir());
    Optional<RunLock> lock = dryRun ? Optional.empty() : RunLock.tryAcquire(stateDir);
    if (!dryRun && lock.isEmpty()) {
      Optional<ProcessStamp> holder = RunLock.holder(stateDir);
      if (holder.isPresent() && !"run".equals(holder.get().command())) {
        // An update, fix or dispatch usually ends soon: wait for it as they wait for each other.
        try {
          lock = Optional.of(RepoLock.take(ctx, config, "run"));
        } catch (RunLock.Held stillHeld) {
          holder = stillHeld.holder();
        }
      }
      if (lock.isEmpty()) {
        // Overlapping cron runs: the one working does this cycle's work.
        ctx.out()
            .println(
                "another command is working ("
                    + holder.map(ProcessStamp::describe).orElse("holder unknown")
                    + " holds "
                    + RunLock.file(stateDir)
                    + "); nothing to do this time");
        return ExitCodes.OK;
      }
    }
    Clock clock = Clock.systemUTC();
    try (Upstream up = Upstream.open(config, ctx.workingDir(), ctx.env(), clock, dryRun)) {
      List<String> warnings = new ArrayList<>();
      ImpactCheck check =
          new ImpactCheck(
              analyzer(dryRun),
              up.repoRoot(),
              up.config(),
              // A dry run writes nothing, not even the API cache.
              dryRun
                  ? ApiDiffSource.off("run --dry-run makes no API diff")
                  : Analysis.apiDiff(ctx, up.repoRoot(), up.config(), false, false));
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
              DetectSupport.crashHook());
      Notifications notify =
          dryRun
              ? Notifications.off()
              : Notifications.from(
                  up.config(),
                  ctx.env(),
                  up.state(),
                  clock,
                  w -> ctx.err().println("warning: " + w));
      cycle.notifying(notify);
      Optional<Version> current = DetectSupport.pinned(up);
      RunCycle.Result r;
      try {
        r = cycle.run(config.channel(), current, dryRun);
      } catch (RuntimeException e) {
        // Told once per error and day; the error itself still ends the run as before.
        notify.send(Event.crash(crashLine(e), clock.instant()));
        throw e;
      }
      warnings.addAll(r.detection().warnings());
      DetectSupport.warnVanishedPin(up, current, r.detection(), warnings::add);
      warnings.forEach(w -> ctx.err().println("warning: " + w));
      r.detection()
          .newVersions()
          .forEach(
              d ->
                  ctx.out()
                      .println(
                          "new "
                              + DetectSupport.paint(color, "1;32", d.version().toString())
                              + " ("
                              + d.channel().id()
                              + ", published "
                              + DetectSupport.time(d.publishedAt())
                              + ")"));
      r.messages().forEach(ctx.out()::println);
      if (writeChangelog && !dryRun) {
        ChangelogCommand.write(up, ctx);
      }
      return ExitCodes.OK;
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
    var crash = DetectSupport.crashHook();
    return new UpdaterFactory(
        config,
        repoRoot,
        ctx.env(),
        options,
        // A dry run reads the target's model from the cache only: it writes nothing.
        Analysis.proof(ctx, repoRoot, config, options.offline(), dryRun, false),
        this::step,
        step -> crash.accept("update:" + step.name().toLowerCase(Locale.ROOT)),
        clock);
  }

  /** The error as the user sees it on stderr: one line. */
  static String crashLine(RuntimeException e) {
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
        factory,
        config,
        ctx.env(),
        up.state(),
        check,
        Analysis.proof(ctx, up.repoRoot(), config, options.offline(), dryRun, false),
        this::step);
  }

  private void step(String line) {
    ctx.out().println("→ " + line);
    ctx.out().flush();
  }

  private static ImpactAnalyzer analyzer(boolean dryRun) {
    ImpactAnalyzer a = ImpactAnalyzer.standard(Clock.systemUTC());
    return dryRun ? a.withoutParseCache() : a;
  }
}

package nautilus.autoupdate.cli;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import nautilus.autoupdate.api.ApiDiffSource;
import nautilus.autoupdate.config.AutoUpdateConfig;
import nautilus.autoupdate.detect.ImpactCheck;
import nautilus.autoupdate.detect.RunCycle;
import nautilus.autoupdate.detect.Upstream;
import nautilus.autoupdate.impact.ImpactAnalyzer;
import nautilus.autoupdate.state.RunLock;
import nautilus.autoupdate.version.Version;

/** One {@code run} cycle under the run lock, shared by the run and watch commands. */
final class CycleRunner {
  private final CliContext ctx;
  private final boolean color;

  CycleRunner(CliContext ctx, boolean color) {
    this.ctx = ctx;
    this.color = color;
  }

  /** Runs one cycle; returns an exit code (0 also when another run holds the lock). */
  int runOnce(AutoUpdateConfig config, boolean dryRun, boolean writeChangelog) {
    java.nio.file.Path stateDir = ctx.workingDir().resolve(config.stateDir());
    Optional<RunLock> lock = dryRun ? Optional.empty() : RunLock.tryAcquire(stateDir);
    if (!dryRun && lock.isEmpty()) {
      ctx.out()
          .println(
              "another run is working (lock "
                  + stateDir.resolve("run.lock")
                  + " is held); nothing to do this time");
      return ExitCodes.OK;
    }
    try (Upstream up =
        Upstream.open(config, ctx.workingDir(), ctx.env(), Clock.systemUTC(), dryRun)) {
      RunCycle cycle =
          new RunCycle(
              up.detector(),
              up.state(),
              up.notes(),
              new ImpactCheck(
                  analyzer(dryRun),
                  up.repoRoot(),
                  up.config(),
                  // A dry run writes nothing, not even the API cache.
                  dryRun
                      ? ApiDiffSource.off("run --dry-run makes no API diff")
                      : Analysis.apiDiff(ctx, up.repoRoot(), up.config(), false, false)),
              null,
              Clock.systemUTC(),
              DetectSupport.crashHook());
      RunCycle.Result r = cycle.run(config.channel(), pinned(up), dryRun);
      List<String> warnings = new ArrayList<>(r.detection().warnings());
      DetectSupport.pinnedAndWarn(up, r.detection(), warnings::add);
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

  private static ImpactAnalyzer analyzer(boolean dryRun) {
    ImpactAnalyzer a = ImpactAnalyzer.standard(Clock.systemUTC());
    return dryRun ? a.withoutParseCache() : a;
  }

  private Optional<Version> pinned(Upstream up) {
    return nautilus.autoupdate.detect.PinnedVersion.read(
        up.repoRoot().resolve(up.config().pyprojectPath()), up.config().packageName());
  }
}

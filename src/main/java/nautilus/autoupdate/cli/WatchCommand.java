package nautilus.autoupdate.cli;

import java.time.Duration;
import nautilus.autoupdate.cycle.CycleRunner;
import nautilus.autoupdate.cycle.WatchLoop;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code watch}: the run cycle in a loop, for a long-running service. */
@Command(
    name = "watch",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the 'run' cycle again and again: every interval, plus or minus 10%% jitter so many"
          + " installations do not poll upstream in step. After a cycle that failed on the network"
          + " (no answer in time, a refused connection, HTTP 5xx, a rate limit) the wait doubles"
          + " (up to 8 intervals) until a cycle succeeds; any other error (bad config, a bad"
          + " version, a missing input file) stops it with exit 1.",
      "SIGTERM or SIGINT stops it cleanly: a cycle in progress finishes first."
    })
final class WatchCommand extends BaseCommand {
  @Option(
      names = "--interval",
      paramLabel = "DURATION",
      defaultValue = "15m",
      description = "Time between cycles: 90s, 15m, 1h, 1d (default: ${DEFAULT-VALUE}).")
  String interval;

  @Mixin ChannelOption channel;

  @Mixin UpdateFlags update;

  @Option(
      names = "--changelog",
      description = "Also write changelog_path and its .md companion every cycle.")
  boolean changelog;

  @Option(
      names = "--count",
      paramLabel = "N",
      defaultValue = "0",
      description = "Stop after N cycles (default: 0, run until stopped).")
  int count;

  private final WatchLoop loop = new WatchLoop();

  @Override
  public Integer call() {
    Duration every = WatchLoop.parseInterval(interval);
    var config = DetectSupport.config(context(), channel.flags());
    CycleRunner runner = cycleRunner(update.options(false));
    loop.run(
        every,
        count,
        () -> runner.runOnce(config, false, changelog),
        context().out(),
        context().err());
    return ExitCodes.OK;
  }

  void stop() {
    loop.stop();
  }
}

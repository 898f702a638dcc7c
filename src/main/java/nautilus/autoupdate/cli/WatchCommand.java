package nautilus.autoupdate.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nautilus.autoupdate.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code watch}: the run cycle in a loop, for a long-running service. */
@Command(
    name = "watch",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the 'run' cycle again and again: every interval, plus or minus 10%% jitter so many"
          + " installations do not poll upstream in step. After a failed cycle the wait doubles"
          + " (up to 8 intervals) until a cycle succeeds.",
      "SIGTERM or SIGINT stops it cleanly: a cycle in progress finishes first."
    })
final class WatchCommand extends BaseCommand {
  private static final Pattern INTERVAL = Pattern.compile("(\\d+)\\s*([smhd]?)");

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

  private final Object wake = new Object();
  private volatile boolean stopping;

  static Duration parseInterval(String text) {
    Matcher m = INTERVAL.matcher(text == null ? "" : text.trim());
    if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
      throw new UserError(
          "--interval '" + text + "': expected a positive duration such as 90s, 15m, 1h or 1d");
    }
    long n = Long.parseLong(m.group(1));
    switch (m.group(2)) {
      case "m":
        return Duration.ofMinutes(n);
      case "h":
        return Duration.ofHours(n);
      case "d":
        return Duration.ofDays(n);
      default:
        return Duration.ofSeconds(n);
    }
  }

  @Override
  public Integer call() {
    Duration every = parseInterval(interval);
    var config = DetectSupport.config(context(), channel.flags());
    CycleRunner runner = new CycleRunner(context(), color(), update.options(false));
    CountDownLatch finished = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              stop();
              try {
                // Let the cycle in progress finish so its state is recorded.
                finished.await(2, TimeUnit.MINUTES);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "watch-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    int failures = 0;
    try {
      for (int cycle = 1; !stopping && (count == 0 || cycle <= count); cycle++) {
        try {
          runner.runOnce(config, false, changelog);
          failures = 0;
        } catch (UserError e) {
          failures++;
          context().err().println("error: " + e.getMessage() + " (will retry)");
        }
        context().out().flush();
        if (count != 0 && cycle >= count) {
          break;
        }
        Duration wait = every.multipliedBy(1L << Math.min(failures, 3));
        long jitter =
            (long) (wait.toMillis() * 0.1 * (ThreadLocalRandom.current().nextDouble() * 2 - 1));
        pause(wait.toMillis() + jitter);
      }
      if (stopping) {
        context().out().println("stopped");
      }
      return ExitCodes.OK;
    } finally {
      finished.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running: it is what stopped us
      }
    }
  }

  void stop() {
    stopping = true;
    synchronized (wake) {
      wake.notifyAll();
    }
  }

  private void pause(long millis) {
    long until = System.currentTimeMillis() + Math.max(0, millis);
    synchronized (wake) {
      while (!stopping) {
        long left = until - System.currentTimeMillis();
        if (left <= 0) {
          return;
        }
        try {
          wake.wait(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          stopping = true;
        }
      }
    }
  }
}

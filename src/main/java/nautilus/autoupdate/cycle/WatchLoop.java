package nautilus.autoupdate.cycle;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nautilus.autoupdate.NetworkFault;
import nautilus.autoupdate.UserError;

/**
 * The {@code watch} loop: a cycle every interval, plus or minus 10% jitter so many installations do
 * not poll upstream in step; after a cycle that failed on a {@link NetworkFault} the wait doubles
 * (up to 8 intervals) until one succeeds, while any other {@link UserError} (the user's to fix)
 * ends the loop with that error. SIGTERM or SIGINT (or {@link #stop}) ends it cleanly: a cycle in
 * progress finishes first, so its state is recorded.
 */
public final class WatchLoop {
  private static final Pattern INTERVAL = Pattern.compile("(\\d+)\\s*([smhd]?)");

  private final Object wake = new Object();
  private volatile boolean stopping;

  /** A duration as {@code --interval} takes it: 90s, 15m, 1h, 1d (no unit: seconds). */
  public static Duration parseInterval(String text) {
    Matcher m = INTERVAL.matcher(text == null ? "" : text.trim());
    if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
      throw new UserError(
          "--interval '" + text + "': expected a positive duration such as 90s, 15m, 1h or 1d");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      case "d" -> Duration.ofDays(n);
      default -> Duration.ofSeconds(n);
    };
  }

  /**
   * Runs {@code cycle} every {@code every} until stopped, or {@code count} times (0: no limit).
   * Network faults of a cycle are told on {@code err} and retried after the backoff.
   *
   * @throws UserError the first error of a cycle that is not a network fault
   */
  public void run(Duration every, int count, Runnable cycle, PrintWriter out, PrintWriter err) {
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
      for (int n = 1; !stopping && (count == 0 || n <= count); n++) {
        try {
          cycle.run();
          failures = 0;
        } catch (NetworkFault e) {
          failures++;
          err.println("error: " + e.getMessage() + " (will retry)");
        }
        out.flush();
        if (count != 0 && n >= count) {
          break;
        }
        Duration wait = every.multipliedBy(1L << Math.min(failures, 3));
        long jitter =
            (long) (wait.toMillis() * 0.1 * (ThreadLocalRandom.current().nextDouble() * 2 - 1));
        pause(wait.toMillis() + jitter);
      }
      if (stopping) {
        out.println("stopped");
      }
    } finally {
      finished.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running: it is what stopped us
      }
    }
  }

  /** Ends the loop: at once while it waits, after the cycle in progress otherwise. */
  public void stop() {
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

package nautilus.autoupdate.cli;

import java.io.PrintWriter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import nautilus.autoupdate.cycle.StepLog;

/**
 * Prints step lines; on a terminal it also shows, under the last line, how long the current step
 * has been running (tests and installs can take minutes), overwritten in place.
 */
final class StepPrinter implements StepLog {
  private final PrintWriter out;
  private final boolean color;
  private final ScheduledExecutorService ticker;
  private long since = System.nanoTime();
  private boolean ticking;

  StepPrinter(PrintWriter out, boolean terminal, boolean color) {
    this.out = out;
    this.color = color;
    this.ticker = terminal ? Executors.newSingleThreadScheduledExecutor(daemon()) : null;
    if (ticker != null) {
      ticker.scheduleAtFixedRate(this::tick, 2, 1, TimeUnit.SECONDS);
    }
  }

  @Override
  public synchronized void line(String text) {
    clearTick();
    out.println((color ? "\u001b[36m→\u001b[0m " : "→ ") + text);
    out.flush();
    since = System.nanoTime();
  }

  private synchronized void tick() {
    long secs = (System.nanoTime() - since) / 1_000_000_000L;
    if (secs >= 2) {
      out.print("\r  … " + secs + " s");
      out.flush();
      ticking = true;
    }
  }

  private void clearTick() {
    if (ticking) {
      out.print("\r\u001b[K");
      ticking = false;
    }
  }

  @Override
  public synchronized void close() {
    if (ticker != null) {
      ticker.shutdownNow();
    }
    clearTick();
    out.flush();
  }

  private static java.util.concurrent.ThreadFactory daemon() {
    return r -> {
      Thread t = new Thread(r, "progress");
      t.setDaemon(true);
      return t;
    };
  }
}

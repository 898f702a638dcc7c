package nautilus.autoupdate.update;

import java.io.PrintWriter;

/**
 * With {@code -Dnautilus.autoupdate.pauseBefore=STEP} (tests only) {@code update} announces the
 * step on stderr and waits there to be killed, so a test can kill the real process at each step.
 */
public final class PauseHook {
  /** The system property naming the step to wait before. */
  public static final String PROPERTY = "nautilus.autoupdate.pauseBefore";

  /** The start of the line announcing the pause. */
  public static final String PAUSED = "paused before ";

  private PauseHook() {}

  /** The hook as {@link #PROPERTY} asks for it (none set: a hook that never waits). */
  public static Updater.StepHook fromProperty(PrintWriter err) {
    String at = System.getProperty(PROPERTY);
    return step -> {
      if (step.name().equals(at)) {
        err.println(PAUSED + step);
        err.flush();
        try {
          Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while paused before " + step, e);
        }
      }
    };
  }
}

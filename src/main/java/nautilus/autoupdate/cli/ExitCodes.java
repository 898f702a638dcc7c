package nautilus.autoupdate.cli;

import nautilus.autoupdate.cycle.CommandEnd;

/** The exit codes of every command, defined once (the contract cron jobs and CI read). */
public final class ExitCodes {
  /** Success; for check/detect: nothing to do. */
  public static final int OK = 0;

  /** An error: bad input, a failed step. Also for invalid command-line arguments. */
  public static final int ERROR = 1;

  /** check: an update is available (report printed); detect: something new. */
  public static final int UPDATE_AVAILABLE = 2;

  /** update: refused because the recommendation is manual or blocked (override with --force). */
  public static final int REFUSED = 3;

  private ExitCodes() {}

  /** The exit code of an update or dispatch that ended so. */
  static int of(CommandEnd end) {
    return switch (end) {
      case DONE -> OK;
      case FAILED -> ERROR;
      case REFUSED -> REFUSED;
    };
  }
}

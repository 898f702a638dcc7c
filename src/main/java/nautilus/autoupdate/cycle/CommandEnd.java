package nautilus.autoupdate.cycle;

/** How {@code update} and {@code dispatch} end; the command turns it into its exit code. */
public enum CommandEnd {
  /** Done, or nothing to do. */
  DONE,
  /** An error, new test failures, or the agent's work not kept. */
  FAILED,
  /** Refused by the recommendation. */
  REFUSED
}

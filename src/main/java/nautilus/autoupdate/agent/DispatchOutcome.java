package nautilus.autoupdate.agent;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a dispatch ended; stored with the agent run and shown to the user. */
public enum DispatchOutcome {
  /** The agent's change passed the checks and is committed (and pushed when pushing). */
  COMMITTED(true),
  /** An earlier dispatch committed the agent's change; nothing more to do. */
  DONE(true),
  /** The analysis and the tests find nothing left on the branch: no agent needed. */
  NOTHING_LEFT(true),
  /** What is left is below {@code dispatch_threshold} ({@code run} only). */
  BELOW_THRESHOLD(true),
  /** A dry run: nothing was run or changed. */
  DRY_RUN(true),
  /**
   * The agent did not finish within {@code agent_timeout_seconds}; its process group was killed.
   */
  TIMED_OUT(false),
  /** The agent could not start, or died from a signal. */
  CRASHED(false),
  /** The agent exited with a non-zero code. */
  FAILED(false),
  /** The agent's output is not JSON. */
  BAD_OUTPUT(false),
  /** The agent reported an error itself (is_error: a turn limit, an API error). */
  AGENT_ERROR(false),
  /** The agent broke a rule (pin, lock, CI, config, tests); its edits were dropped. */
  GUARDRAIL(false),
  /** The agent's change made no test pass that failed, or broke one: not committed. */
  NO_PROGRESS(false);

  private final boolean success;

  DispatchOutcome(boolean success) {
    this.success = success;
  }

  public boolean success() {
    return success;
  }

  /**
   * Whether a later dispatch of the same version tries again: after a fault of the agent's run
   * (time, crash, exit, output), yes; after a verdict on its work, or success, no.
   */
  public boolean retried() {
    return this == TIMED_OUT || this == CRASHED || this == FAILED || this == BAD_OUTPUT;
  }

  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static DispatchOutcome of(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT).replace('-', '_'));
  }
}

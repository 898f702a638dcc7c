package nautilus.autoupdate.state;

import java.time.Instant;
import nautilus.autoupdate.version.Version;

/**
 * One dispatch of the coding agent for a version. {@code outcome} is null while the agent works, so
 * a row with none and no end time was cut short (a crash or a kill). {@code transcript} is the
 * agent's JSON output, size-capped; {@code commitSha} the agent's commit when one was made.
 */
public record AgentRun(
    long id,
    Version version,
    Instant startedAt,
    Instant finishedAt,
    Integer exitCode,
    String outcome,
    String summary,
    String message,
    String commitSha,
    String transcript) {

  /** Whether this run ended (with any outcome) rather than being cut short. */
  public boolean finished() {
    return outcome != null;
  }
}

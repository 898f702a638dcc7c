package nautilus.autoupdate.verify;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How a test run ended. {@code NOT_STARTED} (no pytest, bad command, collection aborted, no tests
 * collected) is deliberately distinct from a run with zero failures.
 */
public enum TestStatus {
  PASSED,
  FAILED,
  TIMED_OUT,
  NOT_STARTED,
  SKIPPED;

  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}

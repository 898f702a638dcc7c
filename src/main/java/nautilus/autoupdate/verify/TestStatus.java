package nautilus.autoupdate.verify;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How a test run ended. {@code NOT_STARTED} (no pytest, bad command, collection aborted) and {@code
 * UNKNOWN} (the command ran no test that it counted: pytest collected none, a JUnit report of 0
 * tests, another command whose output names no test count) are deliberately distinct from a run
 * with zero failures: neither lets an update count as green.
 */
public enum TestStatus {
  PASSED,
  FAILED,
  TIMED_OUT,
  NOT_STARTED,
  SKIPPED,
  UNKNOWN;

  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}

package nautilus.autoupdate.verify;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One test run, and once compared with the base commit's run: which failures the update introduced
 * ({@code newFailures}), which already failed on the base ({@code existingFailures}), and which
 * base failures now pass ({@code fixedTests}). {@code detail} says why a run did not start or timed
 * out.
 */
@JsonPropertyOrder({
  "status",
  "passed",
  "total_tests",
  "failed_tests",
  "skipped_tests",
  "failed_test_names",
  "new_failures",
  "existing_failures",
  "fixed_tests",
  "duration_seconds",
  "detail",
  "failure_messages"
})
public record TestResult(
    TestStatus status,
    boolean passed,
    int totalTests,
    int failedTests,
    int skippedTests,
    List<String> failedTestNames,
    List<String> newFailures,
    List<String> existingFailures,
    List<String> fixedTests,
    double durationSeconds,
    String detail,
    Map<String, String> failureMessages) {

  /**
   * {@code failureMessages}: the one-line reason per failed test, when the report gave one (absent
   * from results cached by older versions).
   */
  public TestResult {
    failedTestNames = List.copyOf(failedTestNames);
    newFailures = List.copyOf(newFailures);
    existingFailures = List.copyOf(existingFailures);
    fixedTests = List.copyOf(fixedTests);
    failureMessages =
        failureMessages == null
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(failureMessages));
  }

  /** A finished run, not yet compared with a baseline (every failure counts as new). */
  public static TestResult finished(
      int total, List<String> failedNames, int skipped, double seconds) {
    return finished(total, failedNames, Map.of(), skipped, seconds);
  }

  /** As {@link #finished(int, List, int, double)}, with the reason of each failure. */
  public static TestResult finished(
      int total,
      List<String> failedNames,
      Map<String, String> messages,
      int skipped,
      double seconds) {
    boolean ok = failedNames.isEmpty();
    return new TestResult(
        ok ? TestStatus.PASSED : TestStatus.FAILED,
        ok,
        total,
        failedNames.size(),
        skipped,
        failedNames,
        failedNames,
        List.of(),
        List.of(),
        seconds,
        null,
        messages);
  }

  /** A run that produced no verdict: it did not start, timed out, or was skipped on request. */
  public static TestResult without(TestStatus status, String detail, double seconds) {
    return new TestResult(
        status, false, 0, 0, 0, List.of(), List.of(), List.of(), List.of(), seconds, detail,
        Map.of());
  }

  /** Whether the run produced per-test results that can be compared. */
  public boolean hasVerdict() {
    return status == TestStatus.PASSED || status == TestStatus.FAILED;
  }

  /**
   * This run classified against the base commit's run. When the baseline has no verdict, every
   * failure stays "new": the tool cannot prove it existed before. The update passes when it
   * introduces no failure, even if old ones remain.
   */
  public TestResult comparedWith(TestResult baseline) {
    if (!hasVerdict() || baseline == null || !baseline.hasVerdict()) {
      return this;
    }
    Set<String> before = new LinkedHashSet<>(baseline.failedTestNames());
    Set<String> now = new LinkedHashSet<>(failedTestNames);
    List<String> introduced = new ArrayList<>();
    List<String> existing = new ArrayList<>();
    for (String name : failedTestNames) {
      (before.contains(name) ? existing : introduced).add(name);
    }
    List<String> fixed = before.stream().filter(n -> !now.contains(n)).toList();
    return new TestResult(
        status,
        introduced.isEmpty(),
        totalTests,
        failedTests,
        skippedTests,
        failedTestNames,
        introduced,
        existing,
        fixed,
        durationSeconds,
        detail,
        failureMessages);
  }
}

package nautilus.autoupdate.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import nautilus.autoupdate.Json;
import org.junit.jupiter.api.Test;

class TestResultTest {
  @Test
  void comparisonSeparatesNewExistingAndFixedFailures() {
    TestResult base = TestResult.finished(4, List.of("t::old", "t::flaky"), 0, 1);
    TestResult now = TestResult.finished(4, List.of("t::old", "t::broken"), 1, 2);
    TestResult c = now.comparedWith(base);
    assertThat(c.newFailures()).containsExactly("t::broken");
    assertThat(c.existingFailures()).containsExactly("t::old");
    assertThat(c.fixedTests()).containsExactly("t::flaky");
    assertThat(c.passed()).isFalse();
    assertThat(c.status()).isEqualTo(TestStatus.FAILED);
  }

  @Test
  void onlyPreexistingFailuresMeanTheUpdatePasses() {
    TestResult base = TestResult.finished(2, List.of("t::old"), 0, 1);
    TestResult c = TestResult.finished(2, List.of("t::old"), 0, 1).comparedWith(base);
    assertThat(c.passed()).isTrue();
    assertThat(c.newFailures()).isEmpty();
  }

  @Test
  void withoutABaselineVerdictEveryFailureStaysNew() {
    TestResult base = TestResult.without(TestStatus.NOT_STARTED, "no pytest", 0);
    TestResult c = TestResult.finished(2, List.of("t::x"), 0, 1).comparedWith(base);
    assertThat(c.newFailures()).containsExactly("t::x");
    assertThat(c.passed()).isFalse();
  }

  @Test
  void aRunThatDidNotStartIsNeverAPass() {
    TestResult r = TestResult.without(TestStatus.NOT_STARTED, "pytest missing", 0);
    assertThat(r.passed()).isFalse();
    assertThat(r.hasVerdict()).isFalse();
    assertThat(r.comparedWith(TestResult.finished(1, List.of(), 0, 0))).isSameAs(r);
  }

  @Test
  void jsonUsesSnakeCaseAndRoundTrips() throws Exception {
    TestResult r = TestResult.finished(3, List.of("a::b"), 1, 0.5);
    String json = Json.mapper().writeValueAsString(r);
    assertThat(json)
        .contains("\"total_tests\" : 3")
        .contains("\"failed_test_names\"")
        .contains("\"new_failures\"")
        .contains("\"status\" : \"failed\"");
    assertThat(Json.mapper().readValue(json, TestResult.class)).isEqualTo(r);
  }
}

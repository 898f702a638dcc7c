package nautilus.autoupdate.verify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nautilus.autoupdate.CommandResult;
import nautilus.autoupdate.CommandRunner;

/**
 * Syncs a checkout's environment and runs its tests with a timeout. For pytest it adds a JUnit XML
 * report and reads the per-test outcome from it; any other command is judged by its exit code and
 * the test count its output gives (pytest's or unittest's summary line). A run that counted no test
 * is {@link TestStatus#UNKNOWN}, never a pass.
 */
public final class TestRunner {
  /** pytest's exit code when it collected nothing. */
  private static final int PYTEST_NO_TESTS = 5;

  static final String CONTINUE_ON_COLLECTION_ERRORS = "--continue-on-collection-errors";

  private final CommandRunner runner;
  private final TestEnvironment environment;
  private final Duration timeout;

  public TestRunner(CommandRunner runner, TestEnvironment environment, Duration timeout) {
    this.runner = runner;
    this.environment = environment;
    this.timeout = timeout;
  }

  public TestEnvironment environment() {
    return environment;
  }

  /** The command that {@link #run} executes, with the report option when it is pytest. */
  public List<String> command(Path dir, String testCommand, Path report) {
    List<String> cmd =
        new ArrayList<>(environment.testCommand(CommandLines.split(testCommand), dir));
    if (isPytest(cmd)) {
      cmd.add("--junitxml=" + report.toAbsolutePath());
      // A module that no longer imports (a removed upstream name) must not hide the other tests:
      // without this pytest stops after collection and the comparison with the base sees 1 test.
      if (!cmd.contains(CONTINUE_ON_COLLECTION_ERRORS)) {
        cmd.add(CONTINUE_ON_COLLECTION_ERRORS);
      }
    }
    return cmd;
  }

  static boolean isPytest(List<String> cmd) {
    for (int i = 0; i < cmd.size(); i++) {
      String a = cmd.get(i);
      if (Path.of(a).getFileName().toString().equals("pytest")
          || (a.equals("-m") && i + 1 < cmd.size() && cmd.get(i + 1).equals("pytest"))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Runs the tests of {@code dir}; the JUnit report goes to a temp file outside the checkout. Never
   * throws for a failing or unstartable run: that is what the result reports.
   */
  public TestResult run(Path dir, String testCommand) {
    CommandResult sync = environment.sync(dir, runner, timeout);
    if (sync != null && !sync.ok()) {
      return sync.timedOut()
          ? TestResult.without(
              TestStatus.TIMED_OUT, environment.name() + " sync timed out", sync.seconds())
          : TestResult.without(
              TestStatus.NOT_STARTED,
              environment.name() + " could not prepare the environment: " + sync.lastLine(),
              sync.seconds());
    }
    Path report = null;
    try {
      report = Files.createTempFile("nautilus-autoupdate-junit", ".xml");
      Files.delete(report);
      List<String> cmd = command(dir, testCommand, report);
      CommandResult r = runner.run(cmd, dir, timeout, environment.env(dir));
      return judge(r, isPytest(cmd), report);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (report != null) {
        try {
          Files.deleteIfExists(report);
        } catch (IOException e) {
          // A leftover temp report is harmless.
        }
      }
    }
  }

  private TestResult judge(CommandResult r, boolean pytest, Path report) {
    if (!r.started()) {
      return TestResult.without(TestStatus.NOT_STARTED, r.startError(), r.seconds());
    }
    if (r.timedOut()) {
      return TestResult.without(
          TestStatus.TIMED_OUT,
          "no result after " + timeout.toSeconds() + " s; the test process tree was killed",
          r.seconds());
    }
    if (!pytest) {
      return byExitCode(r);
    }
    JUnitXml.Summary s = Files.exists(report) ? JUnitXml.parse(report) : null;
    if (r.exitCode() == PYTEST_NO_TESTS || (s != null && s.total() == 0)) {
      return TestResult.without(
          TestStatus.UNKNOWN,
          "ran no test: "
              + (s == null ? "pytest collected no tests" : "the JUnit report lists 0 tests"),
          r.seconds());
    }
    if (s == null) {
      return TestResult.without(
          TestStatus.NOT_STARTED,
          "the tests did not run (exit " + r.exitCode() + "): " + r.lastLine(),
          r.seconds());
    }
    return TestResult.finished(s.total(), s.failed(), s.messages(), s.skipped(), r.seconds());
  }

  /** pytest's "5 passed, 1 failed" or "no tests ran"; unittest's "Ran 5 tests". */
  private static final Pattern PYTEST_COUNTS =
      Pattern.compile("\\b(\\d{1,9}) (passed|failed|errors?)\\b");

  private static final Pattern UNITTEST_RAN = Pattern.compile("(?m)^Ran (\\d{1,9}) tests?\\b");
  private static final Pattern NO_TESTS = Pattern.compile("(?i)\\bno tests ran\\b");

  /**
   * A command other than pytest: a non-zero exit is a failure, and an exit of 0 a pass only when
   * its output says how many tests ran (else no one can tell that any did).
   */
  static TestResult byExitCode(CommandResult r) {
    String out =
        (r.stdout() == null ? "" : r.stdout()) + "\n" + (r.stderr() == null ? "" : r.stderr());
    int counted = testCount(out);
    if (counted == 0 || (r.exitCode() == PYTEST_NO_TESTS && NO_TESTS.matcher(out).find())) {
      return TestResult.without(
          TestStatus.UNKNOWN, "ran no test (its output says none ran)", r.seconds());
    }
    if (r.exitCode() != 0) {
      return TestResult.finished(
          Math.max(counted, 0),
          List.of("test command (exit " + r.exitCode() + ")"),
          0,
          r.seconds());
    }
    if (counted < 0) {
      return TestResult.without(
          TestStatus.UNKNOWN,
          "exit 0, but its output gives no test count (a pytest or unittest summary line)",
          r.seconds());
    }
    return TestResult.finished(counted, List.of(), 0, r.seconds());
  }

  /** The tests the output's last summary counts; -1 when it has none, 0 when it says none ran. */
  static int testCount(String out) {
    int count = -1;
    Matcher ran = UNITTEST_RAN.matcher(out);
    while (ran.find()) {
      count = Integer.parseInt(ran.group(1));
    }
    if (count >= 0) {
      return count;
    }
    // The last line holding counts is pytest's summary ("3 passed, 1 failed in 0.2s").
    String[] lines = out.split("\\R");
    for (int i = lines.length - 1; i >= 0; i--) {
      Matcher m = PYTEST_COUNTS.matcher(lines[i]);
      int sum = 0;
      boolean any = false;
      while (m.find()) {
        any = true;
        sum += Integer.parseInt(m.group(1));
      }
      if (any) {
        return sum;
      }
      if (NO_TESTS.matcher(lines[i]).find()) {
        return 0;
      }
    }
    return -1;
  }
}

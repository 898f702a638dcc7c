package nautilus.autoupdate.verify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import nautilus.autoupdate.CommandResult;
import nautilus.autoupdate.CommandRunner;

/**
 * Syncs a checkout's environment and runs its tests with a timeout. For pytest it adds a JUnit XML
 * report and reads the per-test outcome from it; any other command is judged by its exit code.
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
      List<String> failed =
          r.exitCode() == 0 ? List.of() : List.of("test command (exit " + r.exitCode() + ")");
      return TestResult.finished(0, failed, 0, r.seconds());
    }
    JUnitXml.Summary s = Files.exists(report) ? JUnitXml.parse(report) : null;
    if (s == null || s.total() == 0) {
      String why =
          r.exitCode() == PYTEST_NO_TESTS
              ? "pytest collected no tests"
              : "the tests did not run (exit " + r.exitCode() + "): " + r.lastLine();
      return TestResult.without(TestStatus.NOT_STARTED, why, r.seconds());
    }
    return TestResult.finished(s.total(), s.failed(), s.messages(), s.skipped(), r.seconds());
  }
}

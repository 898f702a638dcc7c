package nautilus.autoupdate.verify;

import static nautilus.autoupdate.GitRepos.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import nautilus.autoupdate.CommandRunner;
import nautilus.autoupdate.PythonVenv;
import nautilus.autoupdate.update.Updater;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestRunnerTest {
  static Path python;
  @TempDir Path dir;

  @BeforeAll
  static void venv() throws Exception {
    python = PythonVenv.withPytest();
  }

  /** The venv is prepared; the command runs as given. */
  private TestRunner runner(int timeoutSeconds) {
    return new TestRunner(
        new CommandRunner(), new ExistingEnvironment(), Duration.ofSeconds(timeoutSeconds));
  }

  private Path project() {
    Path p = dir.resolve("proj");
    write(p.resolve("tests/__init__.py"), "");
    write(
        p.resolve("tests/test_a.py"),
        "import pytest\n"
            + "def test_ok():\n    assert True\n"
            + "def test_bad():\n    assert 1 == 2\n"
            + "@pytest.mark.skip\ndef test_later():\n    pass\n");
    return p;
  }

  @Test
  void pytestOutcomesComeFromTheJunitReport() {
    TestResult r = runner(120).run(project(), python + " -m pytest -q");
    assertThat(r.status()).isEqualTo(TestStatus.FAILED);
    assertThat(r.totalTests()).isEqualTo(3);
    assertThat(r.failedTestNames()).containsExactly("tests.test_a::test_bad");
    assertThat(r.skippedTests()).isEqualTo(1);
    assertThat(r.durationSeconds()).isPositive();
  }

  @Test
  void aCollectionErrorIsAFailureOfThatModule() {
    Path p = project();
    write(p.resolve("tests/test_broken.py"), "from nautilus_trader.gone import X\n");
    TestResult r = runner(120).run(p, python + " -m pytest");
    assertThat(r.status()).isEqualTo(TestStatus.FAILED);
    assertThat(r.failedTestNames()).contains("tests.test_broken");
  }

  @Test
  void noTestsCollectedIsNotAPass() {
    Path p = dir.resolve("empty");
    write(p.resolve("x.py"), "");
    TestResult r = runner(60).run(p, python + " -m pytest");
    assertThat(r.status()).isEqualTo(TestStatus.UNKNOWN);
    assertThat(r.detail()).startsWith("ran no test: ");
    assertThat(r.passed()).isFalse();
    assertThat(Updater.summary(r)).startsWith("unknown: ran no test");
  }

  @Test
  void pytestThroughAnotherCommandThatCollectsNothingIsUnknown() {
    Path p = dir.resolve("empty-wrapped");
    write(p.resolve("x.py"), "");
    // Not recognised as pytest (no report is added): its exit 5 and "no tests ran" say enough.
    TestResult r =
        runner(60).run(p, python + " -c \"import pytest, sys; sys.exit(pytest.main([]))\"");
    assertThat(r.status()).isEqualTo(TestStatus.UNKNOWN);
    assertThat(r.passed()).isFalse();
  }

  @Test
  void aMissingProgramIsReportedAsNotStarted() {
    TestResult r = runner(30).run(project(), "no-such-test-runner-xyz --flag");
    assertThat(r.status()).isEqualTo(TestStatus.NOT_STARTED);
    assertThat(r.detail()).contains("no-such-test-runner-xyz");
    assertThat(r.passed()).isFalse();
  }

  @Test
  void otherCommandsAreJudgedByExitCode() {
    assertThat(runner(30).run(project(), python + " -c \"import sys; sys.exit(3)\"").status())
        .isEqualTo(TestStatus.FAILED);
    // Exit 0 alone does not say that any test ran.
    TestResult quiet = runner(30).run(project(), python + " -c pass");
    assertThat(quiet.status()).isEqualTo(TestStatus.UNKNOWN);
    assertThat(quiet.passed()).isFalse();
    TestResult counted =
        runner(30).run(project(), python + " -c \"print('Ran 4 tests in 0.01s'); print('OK')\"");
    assertThat(counted.status()).isEqualTo(TestStatus.PASSED);
    assertThat(counted.totalTests()).isEqualTo(4);
    assertThat(runner(30).run(project(), python + " -c \"print('Ran 0 tests in 0.00s')\"").status())
        .isEqualTo(TestStatus.UNKNOWN);
  }

  @Test
  void testCountsComeFromTheLastSummaryLine() {
    assertThat(TestRunner.testCount("collected 3 items\n...\n==== 2 passed, 1 failed in 0.1s ===="))
        .isEqualTo(3);
    assertThat(TestRunner.testCount("===== no tests ran in 0.01s =====")).isZero();
    assertThat(TestRunner.testCount("Ran 12 tests in 0.3s\n\nOK")).isEqualTo(12);
    assertThat(TestRunner.testCount("all good")).isEqualTo(-1);
    assertThat(TestRunner.testCount("99999999999999999999 passed")).isEqualTo(-1);
  }

  @Test
  void timeoutKillsTheWholeProcessTree() throws Exception {
    Path p = dir.resolve("slow");
    Path pidFile = dir.resolve("child.pid");
    write(
        p.resolve("test_slow.py"),
        "import subprocess, time\n"
            + "def test_slow():\n"
            + "    child = subprocess.Popen(['sleep', '300'])\n"
            + "    open(r'"
            + pidFile
            + "', 'w').write(str(child.pid))\n"
            + "    time.sleep(300)\n");
    // Long enough for pytest to start and spawn its child on a loaded machine.
    TestResult r = runner(15).run(p, python + " -m pytest");
    assertThat(r.status()).isEqualTo(TestStatus.TIMED_OUT);
    assertThat(r.detail()).contains("killed");
    long pid = Long.parseLong(Files.readString(pidFile).strip());
    assertThat(gone(pid)).as("grandchild sleep process").isTrue();
  }

  private PipEnvironment pip() {
    return new PipEnvironment("python3", new EnvCache(dir.resolve("envs"), System.getenv()));
  }

  private TestRunner pipRunner() {
    return new TestRunner(new CommandRunner(), pip(), Duration.ofMinutes(5));
  }

  /** Dead or a zombie (killed, not yet reaped by init) within a few seconds. */
  private static boolean gone(long pid) throws Exception {
    for (int i = 0; i < 50; i++) {
      Path stat = Path.of("/proc/" + pid + "/stat");
      if (ProcessHandle.of(pid).isEmpty()
          || (Files.exists(stat) && Files.readString(stat).contains(") Z "))) {
        return true;
      }
      Thread.sleep(100);
    }
    return false;
  }

  @Test
  void pipEnvironmentInstallsRequirementsIntoACachedVenvOutsideTheCheckoutAndRunsUvRunPytest() {
    Path p = project();
    write(p.resolve("requirements-dev.txt"), "pytest\n");
    TestRunner t = pipRunner();
    TestResult r = t.run(p, "uv run pytest");
    assertThat(r.status()).isEqualTo(TestStatus.FAILED);
    assertThat(r.failedTestNames()).containsExactly("tests.test_a::test_bad");
    assertThat(pip().venv(p)).exists().startsWith(dir.resolve("envs"));
    assertThat(pip().venv(p).resolve(EnvCache.READY)).exists();
    assertThat(p.resolve(".venv")).doesNotExist();
    assertThat(t.command(p, "uv run pytest -x", Path.of("r.xml")))
        .containsExactly(
            pip().venv(p).resolve("bin/python").toString(),
            "-m",
            "pytest",
            "-x",
            "--junitxml=" + Path.of("r.xml").toAbsolutePath(),
            "--continue-on-collection-errors");
  }

  @Test
  void pipEnvironmentWithoutPytestIsNotStartedNotZeroFailures() {
    Path p = project();
    write(p.resolve("requirements.txt"), "\n");
    TestRunner t = pipRunner();
    TestResult r = t.run(p, "uv run pytest");
    assertThat(r.status()).isEqualTo(TestStatus.NOT_STARTED);
    assertThat(r.detail()).contains("No module named pytest");
  }

  @Test
  void aFailingEnvironmentSyncIsNotStarted() {
    Path p = project();
    write(p.resolve("requirements.txt"), "this-package-does-not-exist-nautilus-xyz==0.0.1\n");
    TestRunner t = pipRunner();
    TestResult r = t.run(p, "pytest");
    assertThat(r.status()).isEqualTo(TestStatus.NOT_STARTED);
    assertThat(r.detail()).startsWith("pip could not prepare the environment");
  }

  @Test
  void uvSyncIsTheUvEnvironmentsStep() {
    Path p = project();
    assertThat(new UvEnvironment(new EnvCache(dir.resolve("envs"), Map.of())).syncCommands(p))
        .isEmpty();
    write(p.resolve("pyproject.toml"), "[project]\nname='x'\n");
    assertThat(new UvEnvironment(new EnvCache(dir.resolve("envs"), Map.of())).syncCommands(p))
        .containsExactly(List.of("uv", "sync"));
    assertThat(TestRunner.isPytest(List.of("uv", "run", "pytest"))).isTrue();
    assertThat(TestRunner.isPytest(List.of("make", "test"))).isFalse();
  }
}

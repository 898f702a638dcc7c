package nautilus.autoupdate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled demo against the real wheels: its tests pass on the version it pins, and the one
 * 1.221.0 break the report names (the removed analysis.statistics subpackage) really fails them.
 */
@Tag("e2e")
class DemoStrategyE2eTest {
  @TempDir Path tmp;

  static Path nautilus(String version) throws Exception {
    return PythonEnvs.python(
        "venv-" + version, "nautilus_trader, pytest", "nautilus_trader==" + version, "pytest");
  }

  static PythonEnvs.Run pytest(Path python, Path demo) throws Exception {
    return PythonEnvs.run(
        demo, "", python.toString(), "-m", "pytest", "-q", "-p", "no:cacheprovider");
  }

  @Test
  void demoTestsPassOnThePinnedVersionAndTheReportedBreakFailsThemOn1221() throws Exception {
    Path demo = Examples.copyTo(tmp).resolve("demo-strategy");
    var pinned = pytest(nautilus("1.220.0"), demo);
    assertThat(pinned.exitCode()).as(pinned.output()).isZero();
    assertThat(pinned.output()).contains("10 passed");

    var next = pytest(nautilus("1.221.0"), demo);
    assertThat(next.exitCode()).isNotZero();
    assertThat(next.output())
        .contains("ModuleNotFoundError: No module named 'nautilus_trader.analysis.statistics'")
        .contains("tests/test_performance.py");
  }
}

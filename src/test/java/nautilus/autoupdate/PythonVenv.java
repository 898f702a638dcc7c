package nautilus.autoupdate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A real virtualenv with pytest, created once under {@code ~/.cache/nautilus-autoupdate-test/}
 * (pytest comes from PyPI) and reused by every test that runs Python tests.
 */
public final class PythonVenv {
  private PythonVenv() {}

  public static synchronized Path withPytest() throws Exception {
    Path venv =
        Path.of(
            System.getProperty("user.home"), ".cache", "nautilus-autoupdate-test", "venv-pytest");
    Path python = venv.resolve("bin/python");
    if (Files.exists(venv.resolve("bin/pytest"))) {
      return python;
    }
    run(List.of("python3", "-m", "venv", venv.toString()));
    run(List.of(python.toString(), "-m", "pip", "install", "-q", "pytest"));
    return python;
  }

  private static void run(List<String> cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(out).isZero();
  }
}

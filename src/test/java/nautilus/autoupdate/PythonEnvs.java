package nautilus.autoupdate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real Python virtual environments for e2e tests, cached under ~/.cache/nautilus-autoupdate-test/
 * and created (from PyPI) on first use.
 */
public final class PythonEnvs {
  public static final Path CACHE =
      Path.of(System.getProperty("user.home"), ".cache", "nautilus-autoupdate-test");

  /** What a process printed (stdout and stderr together) and returned. */
  public record Run(int exitCode, String output) {}

  private PythonEnvs() {}

  /**
   * The python of venv {@code name}, created with {@code packages} installed unless it exists and
   * can import {@code probeModule}.
   */
  public static Path python(String name, String probeModule, String... packages) throws Exception {
    Path venv = CACHE.resolve(name);
    Path py = venv.resolve("bin/python");
    if (Files.isExecutable(py)
        && run(CACHE, "", py.toString(), "-c", "import " + probeModule).exitCode() == 0) {
      return py;
    }
    Files.createDirectories(CACHE);
    check(run(CACHE, "", "python3.11", "-m", "venv", "--clear", venv.toString()));
    List<String> pip = new ArrayList<>(List.of(py.toString(), "-m", "pip", "install", "-q"));
    pip.addAll(List.of(packages));
    check(run(CACHE, "", pip.toArray(String[]::new)));
    return py;
  }

  /**
   * The folder of a uv executable: uv's own on PATH, else a cached venv where {@code pip install
   * uv} put it. Skips the test (an assumption, with the reason) when neither works.
   */
  public static Path uvBinDir() throws Exception {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "uv"))) {
        return Path.of(dir);
      }
    }
    Path venv = CACHE.resolve("uv-venv");
    Path bin = venv.resolve("bin");
    if (!Files.isExecutable(bin.resolve("uv"))) {
      Files.createDirectories(CACHE);
      if (run(CACHE, "", "python3", "-m", "venv", venv.toString()).exitCode() != 0
          || run(CACHE, "", bin.resolve("pip").toString(), "install", "-q", "uv").exitCode() != 0) {
        abort("uv is not installed and `pip install uv` failed (no network?): skipping real uv");
      }
    }
    return bin;
  }

  /** Runs a command (an argument list, no shell) in {@code dir} with {@code stdin}. */
  public static Run run(Path dir, String stdin, String... command) throws Exception {
    Process p =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(900, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
    return new Run(p.exitValue(), out);
  }

  /** The output of a run that must succeed. */
  public static String check(Run r) {
    assertThat(r.exitCode()).as(r.output()).isZero();
    return r.output();
  }
}

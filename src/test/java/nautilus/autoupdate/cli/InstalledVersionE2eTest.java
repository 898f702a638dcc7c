package nautilus.autoupdate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import nautilus.autoupdate.CliRunner;
import nautilus.autoupdate.Examples;
import nautilus.autoupdate.Json;
import nautilus.autoupdate.PythonEnvs;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check} on a project that pins nothing and has the package in a real virtual environment:
 * the venv is made by Python itself (so the site-packages layout is the real one), and the
 * installed package is only its dist-info metadata, so nothing is downloaded.
 */
@Tag("e2e")
class InstalledVersionE2eTest {
  @TempDir Path wd;

  @Test
  void checkReadsTheVersionFromARealVenvsSitePackages() throws Exception {
    Path demo = Examples.copyTo(wd).resolve("demo-strategy");
    Path pyproject = demo.resolve("pyproject.toml");
    Files.writeString(
        pyproject,
        Files.readString(pyproject).replace("nautilus_trader==1.220.0", "nautilus_trader"));
    Path venv = demo.resolve(".venv");
    PythonEnvs.check(
        PythonEnvs.run(demo, "", "python3", "-m", "venv", "--without-pip", venv.toString()));
    String purelib = python(venv, "import sysconfig; print(sysconfig.get_paths()['purelib'])");
    Path distInfo = Path.of(purelib).resolve("nautilus_trader-1.220.0.dist-info");
    Files.createDirectories(distInfo);
    Files.writeString(
        distInfo.resolve("METADATA"),
        "Metadata-Version: 2.1\nName: nautilus_trader\nVersion: 1.220.0\n");
    // Python's own importlib reads the same metadata: the layout is the real one.
    assertThat(python(venv, "import importlib.metadata as m; print(m.version('nautilus_trader'))"))
        .isEqualTo("1.220.0");

    var r =
        CliRunner.run(
            wd,
            "check",
            "--repo",
            demo.toString(),
            "--to",
            "1.221.0",
            "--offline",
            "--format",
            "json");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.UPDATE_AVAILABLE);
    JsonNode json = Json.mapper().readTree(r.out());
    assertThat(json.get("previous_version").asText()).isEqualTo("1.220.0");
    assertThat(json.get("current_version_source").asText()).isEqualTo(".venv (installed)");
  }

  /** What the venv's interpreter prints for {@code code}, stripped. */
  private static String python(Path venv, String code) throws Exception {
    Path py = venv.resolve("bin/python");
    return PythonEnvs.check(PythonEnvs.run(venv, "", py.toString(), "-c", code)).strip();
  }
}

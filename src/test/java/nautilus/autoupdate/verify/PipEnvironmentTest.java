package nautilus.autoupdate.verify;

import static nautilus.autoupdate.GitRepos.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import nautilus.autoupdate.CommandRunner;
import nautilus.autoupdate.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipEnvironmentTest {
  @TempDir Path dir;

  private PipEnvironment pip() {
    return new PipEnvironment("python3", new EnvCache(dir.resolve("envs"), System.getenv()));
  }

  @Test
  void aProjectThatIsNotAPackageGetsItsDependenciesAndDevGroupInstalled() {
    Path p = dir.resolve("demo");
    write(
        p.resolve("pyproject.toml"),
        "[project]\nname = \"demo\"\ndependencies = [\"nautilus_trader==1.220.0\"]\n"
            + "[project.optional-dependencies]\ntest = [\"hypothesis\"]\n"
            + "[dependency-groups]\ndev = [\"pytest>=8\", {include-group = \"lint\"}]\n"
            + "lint = [\"ruff\"]\n");
    List<List<String>> cmds = pip().syncCommands(p);
    assertThat(cmds.get(0)).containsExactly("python3", "-m", "venv", pip().venv(p).toString());
    assertThat(cmds.get(1))
        .endsWith("install", "-q", "nautilus_trader==1.220.0", "pytest>=8", "hypothesis");
  }

  @Test
  void aPackageIsInstalledEditable() {
    Path p = dir.resolve("pkg");
    write(
        p.resolve("pyproject.toml"),
        "[build-system]\nrequires = [\"hatchling\"]\n[project]\nname = \"pkg\"\n");
    assertThat(pip().syncCommands(p).get(1)).endsWith("-e", ".");
  }

  @Test
  void brokenTomlNamesFileAndLine() {
    Path p = dir.resolve("bad");
    write(p.resolve("pyproject.toml"), "[project]\nname = \n");
    assertThatThrownBy(() -> pip().syncCommands(p))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("pyproject.toml:2:")
        .hasMessageContaining("malformed TOML");
  }

  @Test
  void detectPicksUvOnlyWhenItRuns() {
    CommandRunner runner = new CommandRunner();
    boolean uv = runner.run(List.of("uv", "--version"), dir, Duration.ofSeconds(20)).ok();
    assertThat(TestEnvironment.detect(runner, dir, new EnvCache(dir, Map.of())).name())
        .isEqualTo(uv ? "uv" : "pip");
  }
}

package nautilus.autoupdate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import nautilus.autoupdate.CliRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootCommandTest {
  @TempDir Path dir;

  @Test
  void helpListsTheCommands() {
    var r = CliRunner.run(dir, "--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out())
        .contains("Usage: nautilus-autoupdate")
        .contains("changes")
        .contains("check");
  }

  @Test
  void versionPrintsTheToolVersion() {
    var r = CliRunner.run(dir, "--version");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).startsWith("nautilus-autoupdate ");
  }

  @Test
  void unknownOptionIsAnErrorWithExitCodeOneNotTwo() {
    var r = CliRunner.run(dir, "--bogus");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(r.err()).contains("Unknown option");
  }

  @Test
  void completionScriptIsGenerated() {
    var r = CliRunner.run(dir, "generate-completion");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("nautilus-autoupdate").contains("complete");
  }
}

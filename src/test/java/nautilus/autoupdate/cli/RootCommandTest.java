package nautilus.autoupdate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
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
  void everyFormatOptionIsTheSharedOneAndListsWhatItsCommandTakes() {
    Map<String, String> formats =
        Map.of(
            "check", "text, json or markdown",
            "changes", "text, json or markdown",
            "fix", "text, json or diff",
            "update", "text or json",
            "api-diff", "text or json",
            "dispatch", "text or json",
            "detect", "text or json",
            "status", "text or json",
            "config", "text or json");
    formats.forEach(
        (command, names) -> {
          var help = CliRunner.run(dir, command, "--help");
          assertThat(help.out()).as(command).contains("Output format: " + names + " (default:");
          var bad = CliRunner.run(dir, command, "--format", "xml");
          assertThat(bad.exitCode()).as(command).isEqualTo(ExitCodes.ERROR);
          assertThat(bad.err())
              .as(command)
              .contains("unknown --format 'xml' (expected " + names + ")");
        });
  }

  @Test
  void completionScriptIsGenerated() {
    var r = CliRunner.run(dir, "generate-completion");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("nautilus-autoupdate").contains("complete");
  }
}

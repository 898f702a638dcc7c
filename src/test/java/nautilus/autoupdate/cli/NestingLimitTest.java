package nautilus.autoupdate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import nautilus.autoupdate.CliRunner;
import nautilus.autoupdate.GitRepos;
import nautilus.autoupdate.Nesting;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile nesting in the files the CLI reads ends in exit 1 and one line naming the file. */
class NestingLimitTest {
  @TempDir Path dir;

  @AfterEach
  void resetTheRunsLimit() {
    Nesting.limitTo(Nesting.DEFAULT);
  }

  static void assertOneLine(CliRunner.Result r, String expected) {
    assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
    assertThat(r.err().lines().toList()).containsExactly("error: " + expected);
  }

  @Test
  void aThousandOpeningBracketsInPyprojectEndInOneLine() throws Exception {
    Files.writeString(
        dir.resolve("pyproject.toml"),
        "[project]\nname = \"s\"\n\n# [[[ in a comment\nx = \"[[[\"\ndeep = "
            + "[".repeat(1000)
            + "]".repeat(1000)
            + "\n");
    assertOneLine(
        CliRunner.run(dir, "config"),
        "pyproject.toml:6: nested deeper than 200 levels (max_nesting_depth)");
  }

  @Test
  void deepInlineTablesInTheStandaloneConfigEndInOneLine() throws Exception {
    Files.writeString(
        dir.resolve("nautilus-autoupdate.toml"),
        "deep = " + "{a = ".repeat(300) + "1" + "}".repeat(300) + "\n");
    var r = CliRunner.run(dir, "config");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err().lines().toList())
        .singleElement()
        .asString()
        .isEqualTo(
            "error: nautilus-autoupdate.toml:1: nested deeper than 200 levels (max_nesting_depth)");
  }

  @Test
  void nestingUnderTheCapStillParses() throws Exception {
    Files.writeString(
        dir.resolve("pyproject.toml"),
        "[project]\nname = \"s\"\ndeep = " + "[".repeat(190) + "]".repeat(190) + "\n");
    var r = CliRunner.run(dir, "config");
    assertThat(r.exitCode()).as(r.err()).isZero();
  }

  @Test
  void aDeepReportJsonEndsInOneLineAtTheConfiguredDepth() throws Exception {
    GitRepos repos =
        GitRepos.create(dir, "[project]\nname = \"s\"\ndependencies = [\"nautilus_trader==1\"]\n");
    Path report = dir.resolve("deep.json");
    Files.writeString(report, "{\"a\":" + "[".repeat(1000) + "]".repeat(1000) + "}");
    assertOneLine(
        CliRunner.run(repos.user, "update", "--report", report.toString(), "--no-push"),
        report + ": nested deeper than 200 levels (max_nesting_depth)");
    // A lower cap from the environment applies to the same kind of file.
    Files.writeString(report, "{\"a\":" + "[".repeat(60) + "]".repeat(60) + "}");
    assertOneLine(
        CliRunner.run(
            repos.user,
            Map.of("NAUTILUS_AUTOUPDATE_MAX_NESTING_DEPTH", "50"),
            "update",
            "--report",
            report.toString(),
            "--no-push"),
        report + ": nested deeper than 50 levels (max_nesting_depth)");
  }
}

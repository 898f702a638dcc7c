package nautilus.autoupdate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import nautilus.autoupdate.CliRunner;
import nautilus.autoupdate.Examples;
import nautilus.autoupdate.Json;
import nautilus.autoupdate.report.JsonSchemaCheck;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check command's contract: options, formats, exit codes, the saved report. */
class CheckCommandTest {
  static final Path EXAMPLES = Examples.DIR;

  @TempDir Path wd;

  @BeforeEach
  void copyExamples() throws Exception {
    Examples.copyTo(wd);
  }

  CliRunner.Result check(String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "check";
    all[1] = "--repo";
    all[2] = "examples/demo-strategy";
    System.arraycopy(args, 0, all, 3, args.length);
    return CliRunner.run(wd, all);
  }

  @Test
  void theQuickstartCommandExitsTwoWithATextReport() {
    var r = check("--to", "1.221.0", "--offline");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.UPDATE_AVAILABLE);
    assertThat(r.out())
        .startsWith("nautilus_trader 1.220.0 -> 1.221.0: ")
        .contains("demo/analysis/performance.py  CRITICAL")
        .contains("  6:1  from nautilus_trader.analysis.statistics.win_rate import WinRate")
        .contains("fix: from nautilus_trader.analysis import WinRate")
        .contains("notebooks/research.ipynb  CRITICAL")
        .doesNotContain("naming.py")
        .doesNotContain("\u001b[");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void jsonOutputIsTheSavedReportAndValidatesAgainstTheSchema() throws Exception {
    var r = check("--to", "1.221.0", "--offline", "--format", "json");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.UPDATE_AVAILABLE);
    JsonNode json = Json.mapper().readTree(r.out());
    JsonNode schema =
        Json.mapper().readTree(Files.readString(Path.of("docs/impact-report.schema.json")));
    assertThat(new JsonSchemaCheck(schema).violations(json)).isEmpty();
    assertThat(json.get("version").asText()).isEqualTo("1.221.0");
    Path saved = wd.resolve("examples/demo-strategy/.nautilus-autoupdate/impact-report.json");
    assertThat(Files.readString(saved)).isEqualTo(r.out());
  }

  @Test
  void markdownHasTheSummaryAndCollapsibleSections() {
    var r = check("--to", "1.221.0", "--offline", "--format", "markdown");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.UPDATE_AVAILABLE);
    assertThat(r.out())
        .startsWith("## nautilus_trader 1.220.0 → 1.221.0")
        .contains("| Recommendation | **")
        .contains("<details>\n<summary>1.221.0: Removed `nautilus_trader.analysis.statistics`");
  }

  @Test
  void atOrPastTheTargetIsExitZero() {
    var r = check("--to", "1.220.0", "--offline");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
    assertThat(r.out())
        .isEqualTo(
            "nautilus_trader 1.220.0 (pinned with ==1.220.0 in pyproject.toml) is at or past"
                + " 1.220.0: no update needed\n");
    var fromLater = check("--from", "1.225.0", "--to", "1.221.0", "--format", "json");
    assertThat(fromLater.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(fromLater.out()).as("json stdout stays machine-readable").isEmpty();
    assertThat(fromLater.err()).contains("no update needed");
  }

  @Test
  void verboseExplainsTheScore() {
    var r = check("--to", "1.221.0", "--offline", "--verbose");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.UPDATE_AVAILABLE);
    assertThat(r.err())
        .contains("current version 1.220.0: pinned with ==1.220.0 in pyproject.toml")
        .contains("1 break the fixer fixes: -2")
        .contains("report saved to ");
  }

  @Test
  void notesFromTheCommandLineBeatTheConfiguredOnes() {
    Path n8n = CliRunner.shared().resolve("data/n8n-changelog/docs-2026-01-11T1837.json");
    var r = check("--changelog-json", n8n.toString(), "--offline", "--format", "json");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.UPDATE_AVAILABLE);
    assertThat(r.out()).contains("\"version\" : \"1.222.0\"").contains("\"source\" : \"n8n\"");
    var md = check("--releases-md", "examples/RELEASES.md", "--to", "1.221.0", "--offline");
    assertThat(md.exitCode()).isEqualTo(ExitCodes.UPDATE_AVAILABLE);
  }

  @Test
  void badInputIsAOneLineErrorAndExitOne() throws Exception {
    assertError(check("--from", "1.x"), "error: --from '1.x': not a PEP 440 version");
    assertError(check("--to", "9.0.0"), "error: unknown version 9.0.0 (--to)");
    assertError(
        check("--format", "html"),
        "error: unknown --format 'html' (expected text, json or markdown)");
    assertError(check("--releases-md", "nope.md"), "error: --releases-md ");
    var both = check("--releases-md", "examples/RELEASES.md", "--changelog-json", "x.json");
    assertError(both, "error: ");
    assertThat(both.err())
        .contains("--releases-md=FILE, --changelog-json=FILE are mutually exclusive");
    Path noPin = wd.resolve("no-pin");
    Files.createDirectories(noPin);
    Files.copy(
        Path.of("src/test/resources/cli/no-pin/pyproject.toml"), noPin.resolve("pyproject.toml"));
    Files.copy(EXAMPLES.resolve("RELEASES.md"), noPin.resolve("RELEASES.md"));
    var r = CliRunner.run(wd, "check", "--repo", "no-pin");
    assertError(r, "error: cannot find the nautilus_trader version in ");
    Files.writeString(noPin.resolve("pyproject.toml"), "[tool.nautilus-autoupdate]\n");
    assertError(CliRunner.run(wd, "check", "--repo", "no-pin"), "error: no release notes: ");
  }

  @Test
  void withNoPinTheVersionInstalledInDotVenvIsUsedAndNamed() throws Exception {
    Path demo = repin("nautilus_trader");
    var unpinned = check("--to", "1.221.0", "--offline");
    assertError(unpinned, "error: cannot find the nautilus_trader version in ");
    assertThat(unpinned.err()).contains("an installed .venv");

    Path distInfo =
        demo.resolve(".venv/lib/python3.11/site-packages/nautilus_trader-1.220.0.dist-info");
    Files.createDirectories(distInfo);
    Files.writeString(distInfo.resolve("METADATA"), "Name: nautilus_trader\nVersion: 1.220.0\n");
    var r = check("--to", "1.221.0", "--offline", "--format", "json");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.UPDATE_AVAILABLE);
    JsonNode json = Json.mapper().readTree(r.out());
    assertThat(json.get("previous_version").asText()).isEqualTo("1.220.0");
    assertThat(json.get("current_version_source").asText()).isEqualTo(".venv (installed)");
    JsonNode schema =
        Json.mapper().readTree(Files.readString(Path.of("docs/impact-report.schema.json")));
    assertThat(new JsonSchemaCheck(schema).violations(json)).isEmpty();
    assertThat(check("--to", "1.221.0", "--offline").out())
        .contains("current version from .venv (installed)");
    assertThat(check("--to", "1.221.0", "--offline", "--format", "markdown").out())
        .contains("| Current version from | .venv (installed) |");
  }

  @Test
  void aGitPinAtACommitWithNothingInstalledSaysSoInOneLine() throws Exception {
    repin("nautilus_trader @ git+https://github.com/nautechsystems/nautilus_trader@0a1b2c3d");
    var r = check("--to", "1.221.0", "--offline");
    assertError(r, "error: nautilus_trader is a git pin 0a1b2c3d (pyproject.toml:7)");
    assertThat(r.err()).contains("pass --from V");
  }

  /** The demo with its `==1.220.0` requirement replaced by {@code requirement}. */
  private Path repin(String requirement) throws Exception {
    Path demo = wd.resolve("examples/demo-strategy");
    Path pyproject = demo.resolve("pyproject.toml");
    Files.writeString(
        pyproject, Files.readString(pyproject).replace("nautilus_trader==1.220.0", requirement));
    return demo;
  }

  static void assertError(CliRunner.Result r, String start) {
    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(ExitCodes.ERROR);
    assertThat(r.err()).startsWith(start);
    assertThat(r.err().lines().filter(l -> l.startsWith("error:")).count()).isEqualTo(1);
  }
}

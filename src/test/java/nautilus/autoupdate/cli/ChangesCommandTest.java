package nautilus.autoupdate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nautilus.autoupdate.CliRunner;
import nautilus.autoupdate.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChangesCommandTest {
  private static final Path REAL = CliRunner.shared().resolve("data/nautilus/RELEASES.md");

  @TempDir Path dir;

  private CliRunner.Result changes(String from, String to, String... more) {
    List<String> args = new ArrayList<>(List.of("changes", "--from", from, "--to", to));
    args.addAll(List.of(more));
    return CliRunner.run(dir, args.toArray(String[]::new));
  }

  @Test
  void jsonListsTheChangesOfTheRangeWithTheContractKeys() throws Exception {
    var r = changes("1.219.0", "1.222.0", "--releases-md", REAL.toString(), "--format", "json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode doc = Json.mapper().readTree(r.out());
    assertThat(doc.path("from").asText()).isEqualTo("1.219.0");
    assertThat(doc.path("to").asText()).isEqualTo("1.222.0");
    List<String> versions = new ArrayList<>();
    for (JsonNode c : doc.path("changes")) {
      versions.add(c.path("version").asText());
      List<String> keys = new ArrayList<>();
      c.fieldNames().forEachRemaining(keys::add);
      assertThat(keys)
          .containsExactly(
              "version",
              "text",
              "kind",
              "scope",
              "old",
              "new",
              "auto_fixable",
              "migration",
              "source");
    }
    assertThat(versions).contains("1.220.0", "1.221.0", "1.222.0").isSorted();
    assertThat(versions).doesNotContain("1.219.0", "1.223.0");
    JsonNode rename = find(doc, "Renamed `ExecTesterConfig.enable_buys` to `enable_limit_buys`");
    assertThat(rename.path("kind").asText()).isEqualTo("rename");
    assertThat(rename.path("new").get(0).asText()).isEqualTo("ExecTesterConfig.enable_limit_buys");
    assertThat(rename.path("auto_fixable").asBoolean()).isTrue();
    JsonNode move = find(doc, "Consolidated `backtest.exchange` into `backtest.engine`");
    assertThat(move.path("old").get(0).asText()).isEqualTo("nautilus_trader.backtest.exchange");
  }

  private static JsonNode find(JsonNode doc, String textStart) {
    for (JsonNode c : doc.path("changes")) {
      if (c.path("text").asText().startsWith(textStart)) {
        return c;
      }
    }
    throw new AssertionError("no change starting with " + textStart);
  }

  @Test
  void textAndMarkdownAreReadableAndScopeFilters() throws Exception {
    Files.copy(Path.of("src/test/resources/release/mini-RELEASES.md"), dir.resolve("R.md"));
    var text = changes("1.219.0", "1.222.0", "--releases-md", "R.md");
    assertThat(text.exitCode()).as(text.err()).isZero();
    assertThat(text.out())
        .contains("Breaking changes after 1.219.0 up to 1.222.0 (5)")
        .contains("ExecTesterConfig.enable_buys -> ExecTesterConfig.enable_limit_buys")
        .contains("auto-fixable")
        .contains("[deprecation]")
        .doesNotContain("\u001b[");
    var md =
        changes(
            "1.219.0",
            "1.222.0",
            "--releases-md",
            "R.md",
            "--format",
            "markdown",
            "--scope",
            "python");
    assertThat(md.out())
        .contains("### 1.222.0")
        .contains("- **rename** (python): Renamed `ExecTesterConfig.enable_buys`")
        .contains("(python, deprecation)")
        .doesNotContain("1.221.0")
        .doesNotContain("data_format");
    var none = changes("1.219.0", "1.220.0", "--releases-md", "R.md");
    assertThat(none.out()).contains("(0)").contains("none");
    var noneMd = changes("1.219.0", "1.220.0", "--releases-md", "R.md", "--format", "markdown");
    assertThat(noneMd.out()).contains("None.");
  }

  @Test
  void readsTheN8nChangelog() {
    Path json = CliRunner.shared().resolve("data/n8n-changelog/changelog-2025-11-22.json");
    var r = changes("1.220.0", "1.221.0", "--changelog-json", json.toString(), "--format", "json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("\"source\" : \"n8n\"").contains("enable_limit_buys");
  }

  @Test
  void errorsAreOneLineWithExitCodeOne() {
    var noSource = changes("1.219.0", "1.222.0");
    assertThat(noSource.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(noSource.err()).startsWith("error: no release notes given").doesNotContain("\tat ");
    var badVersion = changes("1.x", "1.222.0", "--releases-md", REAL.toString());
    assertThat(badVersion.err()).startsWith("error: --from: not a PEP 440 version: '1.x'");
    var missing = changes("1.219.0", "1.222.0", "--releases-md", "no.md");
    assertThat(missing.err()).contains("no.md: file not found");
    var both = changes("1", "2", "--releases-md", "a", "--changelog-json", "b");
    assertThat(both.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(both.err()).contains("mutually exclusive");
    var empty =
        CliRunner.run(
            dir,
            Map.of(),
            "changes",
            "--from",
            "1.222.0",
            "--to",
            "1.222.0",
            "--releases-md",
            REAL.toString());
    assertThat(empty.err()).contains("empty version range");
  }

  @Test
  void helpDescribesEveryOption() {
    var r = CliRunner.run(dir, "changes", "--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out())
        .contains("--from=V1", "--to=V2", "--releases-md=FILE", "--changelog-json=FILE")
        .contains("--scope=SCOPE", "--format=FORMAT");
  }
}

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
import nautilus.autoupdate.TestModels;
import nautilus.autoupdate.report.JsonSchemaCheck;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check} when only the target's model can be had (the version we are on left every index):
 * the real notes of 1.221.0 are judged on the small 1.221.0 tree, every use failing there is a
 * break with the model's words even where no note of the range names it, and the summary says what
 * the verdict rests on.
 */
class TargetModelCheckTest {
  static final String CODE =
      """
      from nautilus_trader.analysis.statistics.win_rate import WinRate
      from nautilus_trader.model.enums import AssetClass
      from nautilus_trader.config import InstrumentProviderConfig

      STATS = [WinRate()]
      KIND = AssetClass.BOND
      GOOD = AssetClass.DEBT
      CFG = InstrumentProviderConfig(load_all=True)
      """;

  @TempDir Path repo;
  @TempDir Path cache;
  Map<String, String> env;
  String notes;

  @BeforeEach
  void repoWithOnlyTheTargetsModel() throws Exception {
    Files.writeString(
        repo.resolve("pyproject.toml"),
        "[project]\nname = \"s\"\nversion = \"0\"\ndependencies = [\"nautilus_trader==1.220.0\"]\n");
    Files.writeString(repo.resolve("s.py"), CODE);
    env = TestModels.envWithModel(cache, "1.221.0");
    notes = CliRunner.shared().resolve("data/nautilus/RELEASES.md").toString();
  }

  @Test
  void usesFailingOnTheTargetAreBreaksAndTheSummarySaysTheTargetAloneJudged() throws Exception {
    var r =
        CliRunner.run(
            repo,
            env,
            "check",
            "--to",
            "1.221.0",
            "--offline",
            "--releases-md",
            notes,
            "--format",
            "json");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.UPDATE_AVAILABLE);
    JsonNode json = Json.mapper().readTree(r.out());
    JsonNode schema =
        Json.mapper().readTree(Files.readString(Path.of("docs/impact-report.schema.json")));
    assertThat(new JsonSchemaCheck(schema).violations(json)).isEmpty();
    assertThat(json.at("/api_diff/used").asBoolean()).isFalse();
    assertThat(json.at("/api_diff/sources").has("1.221.0")).isTrue();
    List<String> sites = new ArrayList<>();
    for (JsonNode s : json.at("/affected_files/0/sites")) {
      sites.add(s.get("line").asInt() + " " + s.get("certainty").asText());
    }
    // The 1.221.0 note reaches the statistics import and WinRate's call, both failing on the
    // target; AssetClass.BOND was renamed in 1.183.0, out of the range, and still fails there;
    // DEBT and the config resolve.
    assertThat(sites).containsExactlyInAnyOrder("1 certain", "5 certain", "6 certain");
    JsonNode bond = json.at("/affected_files/0/sites/2");
    assertThat(bond.get("evidence").asText())
        .startsWith("on 1.221.0, `nautilus_trader.model.enums.AssetClass.BOND` fails");
    assertThat(json.at("/breaking_changes/" + bond.get("change").asInt() + "/source").asText())
        .isEqualTo("target-model");

    var text =
        CliRunner.run(repo, env, "check", "--to", "1.221.0", "--offline", "--releases-md", notes);
    assertThat(text.out().lines().findFirst().orElseThrow())
        .endsWith("[no API diff: notes checked on the 1.221.0 model only]");
  }

  @Test
  void withNoModelAtAllTheReportRestsOnTheNotesAndSaysSo() throws Exception {
    var r =
        CliRunner.run(
            repo,
            Map.of("XDG_CACHE_HOME", repo.resolve("empty-cache").toString()),
            "check",
            "--to",
            "1.221.0",
            "--offline",
            "--releases-md",
            notes);
    assertThat(r.out().lines().findFirst().orElseThrow()).endsWith("[notes only: no API diff]");
    // BOND is named by no note of the range, so without a model nothing finds it.
    assertThat(r.out()).doesNotContain("AssetClass.BOND");
  }
}

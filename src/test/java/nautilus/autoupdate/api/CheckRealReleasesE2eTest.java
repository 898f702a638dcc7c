package nautilus.autoupdate.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nautilus.autoupdate.CliRunner;
import nautilus.autoupdate.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check} and {@code fix} on a repo pinned to the real nautilus_trader 1.219.0 whose imports
 * of the indicator modules 1.220.0 removed are found by the API diff of the real wheels, with and
 * without a release note that names the module. The snapshots come from the shared test cache (made
 * once by {@code api-diff} with range reads, as in {@link RealReleasesE2eTest}) and are copied into
 * the repo's state_dir, where {@code check} keeps them.
 */
@Tag("e2e")
class CheckRealReleasesE2eTest {
  static final String CODE =
      """
      from nautilus_trader.indicators.average.ema import ExponentialMovingAverage
      import nautilus_trader.indicators.average.sma as sma_module
      from nautilus_trader.model.data import Bar


      def make(bar: Bar):
          ema = ExponentialMovingAverage(10)
          sma = sma_module.SimpleMovingAverage(20)
          return ema, sma
      """;

  @TempDir Path tmp;
  Path repo;

  @BeforeEach
  void repoWithCachedSnapshots() throws Exception {
    Path state = RealReleasesE2eTest.STATE;
    Path snapshots = state.resolve("api/snapshots");
    if (!Files.isRegularFile(snapshots.resolve("nautilus_trader-1.219.0.json"))
        || !Files.isRegularFile(snapshots.resolve("nautilus_trader-1.220.0.json"))) {
      CliRunner.Result r = RealReleasesE2eTest.apiDiff();
      assertThat(r.exitCode()).as(r.err()).isZero();
    }
    repo = tmp.resolve("repo");
    Path cache = repo.resolve(".nautilus-autoupdate/api/snapshots");
    Files.createDirectories(cache);
    for (String v : List.of("1.219.0", "1.220.0")) {
      String name = "nautilus_trader-" + v + ".json";
      Files.copy(snapshots.resolve(name), cache.resolve(name));
    }
    Files.createDirectories(repo.resolve("strategies"));
    Files.writeString(repo.resolve("strategies/signals.py"), CODE);
    Files.writeString(
        repo.resolve("pyproject.toml"),
        """
        [project]
        name = "user"
        version = "0.1"
        dependencies = ["nautilus_trader==1.219.0"]

        [tool.nautilus-autoupdate]
        source_dirs = ["strategies"]
        """);
  }

  /** {@code command} on the repo up to 1.220.0 with {@code notes}, then {@code extra}. */
  private CliRunner.Result run(String command, Path notes, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(command, "--repo", ".", "--to", "1.220.0", "--releases-md", notes.toString()));
    args.addAll(List.of(extra));
    return CliRunner.run(repo, Map.of(), args.toArray(String[]::new));
  }

  private JsonNode check(Path notes, String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("--format", "json"));
    args.addAll(List.of(extra));
    CliRunner.Result r = run("check", notes, args.toArray(String[]::new));
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    return Json.mapper().readTree(r.out());
  }

  private static JsonNode siteOn(JsonNode json, int line) {
    for (JsonNode f : json.path("affected_files")) {
      for (JsonNode s : f.path("sites")) {
        if (s.path("line").asInt() == line) {
          return s;
        }
      }
    }
    throw new AssertionError("no site on line " + line + ": " + json.toPrettyString());
  }

  /**
   * The ema import on line 1: certain, with the flat import as its fix, its change from {@code
   * source}.
   */
  private static JsonNode flatEmaImport(JsonNode json, String source) {
    JsonNode ema = siteOn(json, 1);
    assertThat(ema.path("certainty").asText()).isEqualTo("certain");
    assertThat(ema.path("fix").asText())
        .isEqualTo("from nautilus_trader.indicators import ExponentialMovingAverage");
    assertThat(
            json.path("breaking_changes").get(ema.path("change").asInt()).path("source").asText())
        .isEqualTo(source);
    return ema;
  }

  @Test
  void theRemovedIndicatorModulesAreCriticalWithTheFlatImportFromTheNotesWildcardRule()
      throws Exception {
    // The real notes say "~40 modules consolidated" with the rule nautilus_trader.indicators.* ->
    // nautilus_trader.indicators: the rule names the site's change, the API diff its evidence.
    Path notes = CliRunner.shared().resolve("data/nautilus/RELEASES.md");
    JsonNode json = check(notes);
    assertThat(json.path("api_diff").path("used").asBoolean()).isTrue();
    assertThat(json.path("affected_files").get(0).path("severity").asText()).isEqualTo("CRITICAL");

    JsonNode ema = flatEmaImport(json, "releases-md");
    assertThat(ema.path("evidence").asText())
        .contains("1.220.0")
        .contains("from nautilus_trader.indicators import ExponentialMovingAverage");

    JsonNode sma = siteOn(json, 2);
    assertThat(sma.path("certainty").asText()).isEqualTo("certain");
    assertThat(sma.path("fix").asText())
        .isEqualTo("import nautilus_trader.indicators as sma_module");
    // Bar did not move: its import is no site.
    assertThat(json.path("affected_files").get(0).path("sites").findValues("line"))
        .noneMatch(l -> l.asInt() == 3);

    CliRunner.Result fix = run("fix", notes, "--offline", "--dry-run", "--format", "diff");
    assertThat(fix.exitCode()).as(fix.err()).isZero();
    assertThat(fix.out())
        .contains("-from nautilus_trader.indicators.average.ema import ExponentialMovingAverage")
        .contains("+from nautilus_trader.indicators import ExponentialMovingAverage")
        .contains("+import nautilus_trader.indicators as sma_module");
    assertThat(Files.readString(repo.resolve("strategies/signals.py"))).isEqualTo(CODE);
  }

  @Test
  void aMatchingNoteIsConfirmedByTheDiffWhichAddsTheFixTheNoteLacks() throws Exception {
    Path notes = tmp.resolve("RELEASES.md");
    Files.writeString(
        notes,
        """
        # NautilusTrader 1.220.0 Beta

        Released on 5th September 2025 (UTC).

        ### Breaking Changes
        - Removed the `nautilus_trader.indicators.average.ema` module, import `ExponentialMovingAverage` from the indicators package instead

        # NautilusTrader 1.219.0 Beta

        Released on 18th July 2025 (UTC).

        ### Enhancements
        - Something else
        """);
    JsonNode json = check(notes, "--offline");
    JsonNode ema = flatEmaImport(json, "releases-md");
    assertThat(ema.path("evidence").asText()).startsWith("the API diff agrees: ");
    // The sma module is not in that note: the diff reports it, as a break the notes left out.
    JsonNode sma = siteOn(json, 2);
    int change = sma.path("change").asInt();
    assertThat(json.path("breaking_changes").get(change).path("source").asText())
        .isEqualTo("api-diff");
    List<Integer> notInNotes = new ArrayList<>();
    json.path("api_diff").path("not_in_notes").forEach(i -> notInNotes.add(i.asInt()));
    assertThat(notInNotes).contains(change);
  }
}

package nautilus.autoupdate.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nautilus.autoupdate.CliRunner;
import nautilus.autoupdate.Json;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The real nautilus_trader 1.219.0 and 1.220.0 wheels from PyPI, read by range requests (a few MB
 * of ~98 MB files) and cached under ~/.cache/nautilus-autoupdate-test/, so reruns are offline.
 */
@Tag("e2e")
class RealReleasesE2eTest {
  static final Path STATE =
      Path.of(System.getProperty("user.home"), ".cache", "nautilus-autoupdate-test", "api-state");

  /**
   * {@code api-diff --from 1.219.0 --to 1.220.0} on the cache in {@link #STATE}, then {@code more}.
   */
  static CliRunner.Result apiDiff(String... more) {
    return apiDiffIn(STATE, more);
  }

  /**
   * {@code api-diff --from 1.219.0 --to 1.220.0} on the cache in {@code state}, then {@code more}.
   */
  static CliRunner.Result apiDiffIn(Path state, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "api-diff",
                "--from",
                "1.219.0",
                "--to",
                "1.220.0",
                "--state-dir",
                state.toString(),
                "--no-introspect"));
    args.addAll(List.of(more));
    return CliRunner.run(Path.of("").toAbsolutePath(), Map.of(), args.toArray(String[]::new));
  }

  @Test
  void findsTheDocumentedAndUndocumentedBreaksOf1220() throws Exception {
    CliRunner.Result r =
        apiDiff(
            "--format",
            "json",
            "--notes",
            CliRunner.shared().resolve("data/nautilus/RELEASES.md").toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode json = Json.mapper().readTree(r.out());
    List<String> found = new ArrayList<>();
    for (JsonNode c : json.path("changes")) {
      found.add(
          c.path("type").asText()
              + " "
              + c.path("change").path("old").get(0).asText()
              + " -> "
              + c.path("change").path("new").get(0).asText());
    }
    assertThat(found)
        .contains(
            "module_removed nautilus_trader.indicators.average.ema -> nautilus_trader.indicators",
            "name_moved nautilus_trader.indicators.average.ema.ExponentialMovingAverage -> nautilus_trader.indicators.ExponentialMovingAverage",
            "member_renamed BinanceAccountType.USDT_FUTURE -> BinanceAccountType.USDT_FUTURES",
            "member_renamed ParquetDataCatalog.reset_catalog_file_names -> ParquetDataCatalog.reset_all_file_names",
            "parameter_required Actor.request_bars -> null",
            "name_moved nautilus_trader.backtest.exchange.SimulatedExchange -> nautilus_trader.backtest.engine.SimulatedExchange");
    assertThat(found)
        .filteredOn(s -> s.startsWith("module_removed nautilus_trader.indicators.average."))
        .hasSizeGreaterThan(5);
    JsonNode required =
        java.util.stream.StreamSupport.stream(json.path("changes").spliterator(), false)
            .filter(c -> c.path("change").path("old").get(0).asText().equals("Actor.request_bars"))
            .filter(c -> c.path("type").asText().equals("parameter_required"))
            .findFirst()
            .orElseThrow();
    assertThat(required.path("change").path("text").asText()).contains("`start`");
    // "Changed `start` parameter to required for `Actor` data request methods" covers it.
    assertThat(required.path("documented").asBoolean()).isTrue();
    assertThat(json.path("notes").get(required.path("note_index").asInt()).path("text").asText())
        .contains("`start` parameter to required");
    // Breaks the notes do not mention stay marked.
    assertThat(json.path("changes").findValues("documented")).anyMatch(d -> !d.asBoolean());
    // The snapshot of 1.220.0 is a readable file in the cache.
    JsonNode snap =
        Json.mapper()
            .readTree(STATE.resolve("api/snapshots/nautilus_trader-1.220.0.json").toFile());
    assertThat(snap.path("modules").path("nautilus_trader.indicators").path("all").toString())
        .contains("ExponentialMovingAverage");
  }

  /**
   * A diff from the models read back from the cache is the diff from models built anew out of the
   * same wheels, so {@code --offline} on cached models says what a cold run says (a function's
   * empty signature was once dropped by the cache: {@code ModelCacheTest} holds that case).
   */
  @Test
  void cachedModelsGiveTheDiffOfModelsBuiltFromTheWheels(
      @org.junit.jupiter.api.io.TempDir Path fresh) throws Exception {
    assertThat(apiDiff().exitCode()).isZero();
    // The models alone, read back from the cache (no diff cached): the diff is made from them.
    Path models = java.nio.file.Files.createDirectories(fresh.resolve("cached/api/snapshots"));
    for (String v : List.of("1.219.0", "1.220.0")) {
      java.nio.file.Files.copy(
          STATE.resolve("api/snapshots/nautilus_trader-" + v + ".json"),
          models.resolve("nautilus_trader-" + v + ".json"));
    }
    CliRunner.Result cached = apiDiffIn(fresh.resolve("cached"), "--format", "json");
    assertThat(cached.exitCode()).as(cached.err()).isZero();
    // Only the wheels (range-read ones, as the first run kept them), no models and no diff: both
    // models are built again.
    Path wheels = java.nio.file.Files.createDirectories(fresh.resolve("wheels"));
    try (var files = java.nio.file.Files.list(STATE.resolve("api/dists/slim"))) {
      for (Path f : (Iterable<Path>) files::iterator) {
        if (f.getFileName().toString().matches("nautilus_trader-1\\.2(19|20)\\.0-.*\\.whl")) {
          java.nio.file.Files.copy(f, wheels.resolve(f.getFileName()));
        }
      }
    }
    CliRunner.Result built =
        apiDiffIn(fresh.resolve("state"), "--dist-dir", wheels.toString(), "--format", "json");
    assertThat(built.exitCode()).as(built.err()).isZero();
    assertThat(fresh.resolve("state/api/snapshots/nautilus_trader-1.220.0.json")).isRegularFile();
    JsonNode a = Json.mapper().readTree(cached.out()).path("changes");
    JsonNode b = Json.mapper().readTree(built.out()).path("changes");
    assertThat(b.size()).isGreaterThan(100);
    assertThat(b).isEqualTo(a);
  }
}

package nautilus.autoupdate.impact;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nautilus.autoupdate.CliRunner;
import nautilus.autoupdate.FieldTypeTrees;
import nautilus.autoupdate.Json;
import nautilus.autoupdate.api.ModelCache;
import nautilus.autoupdate.version.Version;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check} 1.222.0 to 1.224.0 with the shared RELEASES.md (its 1.223.0 note "use
 * `PolymarketInstrumentProviderConfig` instead of `InstrumentProviderConfig`" is scoped to
 * Polymarket) and the models of two small trees in which only the declared type of the Polymarket
 * data client's {@code instrument_config} changes. A value of the old class passed there is a
 * proven break with both types as evidence; a value of unknown class is a review item; a value of
 * the new class, and the same old class passed to a Binance config, are nothing.
 */
class FieldTypeBreaksTest {
  static final String CODE =
      """
      from nautilus_trader.adapters.binance.config import BinanceDataClientConfig
      from nautilus_trader.adapters.polymarket import PolymarketDataClientConfig
      from nautilus_trader.adapters.polymarket.providers import PolymarketInstrumentProviderConfig
      from nautilus_trader.config import InstrumentProviderConfig

      POLYMARKET = PolymarketDataClientConfig(
          private_key="k",
          instrument_config=(
              InstrumentProviderConfig(load_all=True)
          ),
      )
      BINANCE = BinanceDataClientConfig(instrument_provider=InstrumentProviderConfig(load_all=True))
      x = PolymarketDataClientConfig(private_key="k"); y = InstrumentProviderConfig(load_all=True)


      def typed(cfg: InstrumentProviderConfig):
          return PolymarketDataClientConfig(instrument_config=cfg)


      def fine():
          return PolymarketDataClientConfig(
              instrument_config=PolymarketInstrumentProviderConfig(load_all=True),
          )


      def unknown(cfg):
          return PolymarketDataClientConfig(instrument_config=cfg)
      """;

  @TempDir Path tmp;
  Path repo;

  @BeforeEach
  void repoWithBothModels() throws Exception {
    repo = tmp.resolve("repo");
    Files.createDirectories(repo.resolve("live"));
    Files.writeString(repo.resolve("live/config.py"), CODE);
    // With no HOME in the environment, the model cache is the state dir's api/snapshots.
    ModelCache models = new ModelCache(repo.resolve(".nautilus-autoupdate/api/snapshots"), m -> {});
    for (String v : List.of(FieldTypeTrees.OLD, FieldTypeTrees.NEW)) {
      models.write(
          models.file("nautilus_trader", Version.parse(v), ""),
          FieldTypeTrees.snapshot(tmp.resolve("trees"), v));
    }
  }

  private JsonNode check() throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "check",
                "--repo",
                ".",
                "--from",
                FieldTypeTrees.OLD,
                "--to",
                FieldTypeTrees.NEW,
                "--releases-md",
                CliRunner.shared().resolve("data/nautilus/RELEASES.md").toString(),
                "--offline",
                "--format",
                "json"));
    CliRunner.Result r = CliRunner.run(repo, Map.of(), args.toArray(String[]::new));
    assertThat(r.exitCode()).as(r.err() + r.out()).isEqualTo(2);
    return Json.mapper().readTree(r.out());
  }

  private static List<JsonNode> sites(JsonNode json) {
    List<JsonNode> out = new ArrayList<>();
    json.path("affected_files").forEach(f -> f.path("sites").forEach(out::add));
    return out;
  }

  @Test
  void anOldClassPassedWhereTheNewTypeWantsAnotherIsAProvenBreak() throws Exception {
    JsonNode json = check();
    assertThat(json.path("api_diff").path("used").asBoolean()).isTrue();
    List<JsonNode> certain =
        sites(json).stream().filter(s -> s.path("certainty").asText().equals("certain")).toList();
    // The keyword of the Polymarket call (line 8) and the annotated parameter passed (line 17).
    assertThat(certain).extracting(s -> s.path("line").asInt()).containsExactlyInAnyOrder(8, 17);
    JsonNode site = certain.stream().filter(s -> s.path("line").asInt() == 8).findFirst().get();
    assertThat(site.path("evidence").asText())
        .isEqualTo(
            "field instrument_config of"
                + " nautilus_trader.adapters.polymarket.config.PolymarketDataClientConfig:"
                + " old type nautilus_trader.config.InstrumentProviderConfig | None,"
                + " new type"
                + " nautilus_trader.adapters.polymarket.providers.PolymarketInstrumentProviderConfig"
                + " | None; our code passes a nautilus_trader.config.InstrumentProviderConfig");
    JsonNode change = json.path("breaking_changes").get(site.path("change").asInt());
    assertThat(change.path("kind").asText()).isEqualTo("type");
    assertThat(change.path("source").asText()).isEqualTo("api-model");
    assertThat(json.path("recommendation").asText()).isNotEqualTo("auto");
  }

  @Test
  void aValueOfUnknownClassIsAReviewItemAndTheNewClassIsNothing() throws Exception {
    JsonNode json = check();
    List<Integer> reviewed = new ArrayList<>();
    for (JsonNode r : json.path("reviews")) {
      if (r.path("name").asText().equals("PolymarketDataClientConfig.instrument_config")) {
        r.path("uses").forEach(u -> reviewed.add(u.path("line").asInt()));
      }
    }
    assertThat(reviewed).containsExactly(27);
    // Line 22 passes the new class: no site, no review item.
    assertThat(sites(json)).noneMatch(s -> s.path("line").asInt() == 22);
  }

  @Test
  void theAdapterNoteReachesUsesInsideItsCallWhateverTheLinesAndNothingBeside() throws Exception {
    JsonNode json = check();
    List<Integer> noteReviewed = new ArrayList<>();
    for (JsonNode r : json.path("reviews")) {
      JsonNode c = json.path("breaking_changes").get(r.path("change").asInt());
      if (c.path("text").asText().contains("use `PolymarketInstrumentProviderConfig` instead")) {
        r.path("uses").forEach(u -> noteReviewed.add(u.path("line").asInt()));
      }
    }
    // InstrumentProviderConfig three lines below the Polymarket class name and on no line of its
    // keywords, but inside its call: the note reaches it, and the models, which resolve it the
    // same on both, make it a review item.
    // The Binance config's on line 12 and the one merely on the same line as a Polymarket call
    // (line 13) are out of the note's reach.
    assertThat(noteReviewed).contains(9).doesNotContain(12, 13);
    assertThat(sites(json)).noneMatch(s -> List.of(12, 13).contains(s.path("line").asInt()));
  }
}

package nautilus.autoupdate.impact;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nautilus.autoupdate.CliRunner;
import nautilus.autoupdate.Json;
import nautilus.autoupdate.api.DistContents;
import nautilus.autoupdate.api.ModelCache;
import nautilus.autoupdate.api.SnapshotBuilder;
import nautilus.autoupdate.version.Version;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check} 1.225.0 to 1.226.0 with the shared RELEASES.md, whose 1.226.0 note "Changed
 * `MarginBalance.instrument_id` to optional" changes a type only, against the models of two small
 * trees. The note is a break only where the models prove one; every other use of {@code
 * MarginBalance.instrument_id} is a review item, and a use whose owner is not known is nothing.
 */
class ImpactTypeNotesTest {
  static final String CODE =
      """
      from nautilus_trader.model.identifiers import InstrumentId
      from nautilus_trader.model.objects import MarginBalance


      def make(initial, maintenance):
          return MarginBalance(
              initial=initial, maintenance=maintenance, instrument_id=InstrumentId("A.SIM")
          )


      def key(b: MarginBalance):
          return b.instrument_id.value


      def other(order):
          return order.instrument_id
      """;

  @TempDir Path tmp;

  /** The trees: the old field is an {@code InstrumentId}, the new one {@code newType}. */
  private JsonNode check(String newType) throws Exception {
    Path repo = tmp.resolve("repo");
    Files.createDirectories(repo.resolve("live"));
    Files.writeString(repo.resolve("live/acct.py"), CODE);
    ModelCache models = new ModelCache(repo.resolve(".nautilus-autoupdate/api/snapshots"), m -> {});
    for (String v : List.of("1.225.0", "1.226.0")) {
      Path dir = tmp.resolve("trees").resolve(v);
      write(dir, "nautilus_trader/__init__.py", "");
      write(dir, "nautilus_trader/model/__init__.py", "");
      write(
          dir,
          "nautilus_trader/model/identifiers.py",
          """
          class InstrumentId:
              def __init__(self, value: str):
                  self.value = value


          class Venue:
              def __init__(self, value: str):
                  self.value = value
          """);
      write(
          dir,
          "nautilus_trader/model/objects.py",
          """
          import msgspec

          from nautilus_trader.model.identifiers import InstrumentId
          from nautilus_trader.model.identifiers import Venue


          class MarginBalance(msgspec.Struct, kw_only=True):
              initial: str
              maintenance: str
              instrument_id: %s
          """
              .formatted(v.equals("1.225.0") ? "InstrumentId" : newType));
      models.write(
          models.file("nautilus_trader", Version.parse(v), ""),
          new SnapshotBuilder("nautilus_trader")
              .build(v, DistContents.read(dir), List.of("type note tree " + v)));
    }
    CliRunner.Result r =
        CliRunner.run(
            repo,
            Map.of(),
            "check",
            "--repo",
            ".",
            "--from",
            "1.225.0",
            "--to",
            "1.226.0",
            "--releases-md",
            CliRunner.shared().resolve("data/nautilus/RELEASES.md").toString(),
            "--offline",
            "--format",
            "json");
    assertThat(r.exitCode()).as(r.err() + r.out()).isEqualTo(2);
    JsonNode json = Json.mapper().readTree(r.out());
    assertThat(json.path("api_diff").path("used").asBoolean()).isTrue();
    return json;
  }

  private static void write(Path dir, String rel, String text) throws Exception {
    Path p = dir.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  private static List<JsonNode> sites(JsonNode json) {
    List<JsonNode> out = new ArrayList<>();
    json.path("affected_files").forEach(f -> f.path("sites").forEach(out::add));
    return out;
  }

  /** The lines of the note's review item. */
  private static List<Integer> reviewed(JsonNode json) {
    List<Integer> out = new ArrayList<>();
    for (JsonNode r : json.path("reviews")) {
      JsonNode c = json.path("breaking_changes").get(r.path("change").asInt());
      if (c.path("text").asText().startsWith("Changed `MarginBalance.instrument_id` to optional")) {
        assertThat(r.path("why").asText()).isEqualTo(ImpactMatcher.TYPE_ONLY_WHY);
        r.path("uses").forEach(u -> out.add(u.path("line").asInt()));
      }
    }
    return out;
  }

  @Test
  void aFieldMadeOptionalBreaksNoUseAndItsOwnUsesAreForReview() throws Exception {
    JsonNode json = check("InstrumentId | None = None");
    // The note's own change only widens the type: no site at all, of the note or of the models.
    assertThat(sites(json)).isEmpty();
    // The keyword of MarginBalance and the attribute of a value typed MarginBalance are reviewed;
    // order.instrument_id (line 16), of no known class, is not the owner's member.
    assertThat(reviewed(json)).containsExactly(7, 12);
  }

  @Test
  void aKeywordTheNewTypeNoLongerTakesIsAProvenBreakAndLeavesTheReview() throws Exception {
    // Not the real 1.226.0: a new type that no longer takes the InstrumentId our code passes.
    JsonNode json = check("Venue | None = None");
    List<JsonNode> sites = sites(json);
    assertThat(sites)
        .extracting(s -> s.path("line").asInt(), s -> s.path("certainty").asText())
        .containsExactly(org.assertj.core.groups.Tuple.tuple(7, "certain"));
    JsonNode change = json.path("breaking_changes").get(sites.get(0).path("change").asInt());
    assertThat(change.path("source").asText()).isEqualTo("api-model");
    assertThat(sites.get(0).path("evidence").asText())
        .contains("new type nautilus_trader.model.identifiers.Venue | None");
    // The proven line is a break, not also the note's review item; the attribute still is.
    assertThat(reviewed(json)).containsExactly(12);
  }
}

package nautilus.autoupdate.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import nautilus.autoupdate.Json;
import nautilus.autoupdate.impact.ImpactReport;
import org.junit.jupiter.api.Test;

class JsonReportTest {
  static JsonSchemaCheck schema() throws Exception {
    return new JsonSchemaCheck(
        Json.mapper().readTree(Files.readString(Path.of("docs/impact-report.schema.json"))));
  }

  @Test
  void outputValidatesAgainstTheSchema() throws Exception {
    JsonNode json = Json.mapper().readTree(new JsonReport().render(Reports.sample()));
    assertThat(schema().violations(json)).isEmpty();
  }

  @Test
  void fieldsAreSnakeCaseInContractOrder() throws Exception {
    JsonNode json = Json.mapper().readTree(new JsonReport().render(Reports.sample()));
    assertThat(json.fieldNames())
        .toIterable()
        .containsExactly(
            "version",
            "previous_version",
            "breaking_changes",
            "affected_files",
            "total_affected_lines",
            "confidence_score",
            "confidence_level",
            "can_auto_update",
            "recommendation",
            "actions",
            "generated_at",
            "unread",
            "caps",
            "reviews",
            "groups");
    JsonNode site = json.at("/affected_files/2/sites/0");
    assertThat(site.get("cell").asInt()).isZero();
    assertThat(site.get("match").asText()).isEqualTo("import");
    assertThat(site.get("certainty").asText()).isEqualTo("certain");
    assertThat(site.has("fix")).isFalse();
    assertThat(json.at("/affected_files/0/sites/0").has("cell")).isFalse();
    assertThat(json.at("/breaking_changes/2/new/0").asText()).isEqualTo("defi");
    assertThat(json.get("generated_at").asText()).isEqualTo("2026-11-27T00:00:00Z");
  }

  @Test
  void readsBackIntoTheSameRecord() throws Exception {
    ImpactReport original = Reports.sample();
    ImpactReport back =
        Json.mapper().readValue(new JsonReport().render(original), ImpactReport.class);
    assertThat(back).isEqualTo(original);
  }

  @Test
  void theCheckerCatchesAContractBreak() throws Exception {
    ObjectNode json =
        (ObjectNode) Json.mapper().readTree(new JsonReport().render(Reports.sample()));
    json.remove("recommendation");
    json.put("confidence_score", 140);
    ((ObjectNode) json.at("/affected_files/0/sites/0")).put("match", "grep");
    assertThat(schema().violations(json))
        .anyMatch(v -> v.contains("missing required 'recommendation'"))
        .anyMatch(v -> v.contains("above maximum"))
        .anyMatch(v -> v.contains("/affected_files/0/sites/0/match"));
  }
}

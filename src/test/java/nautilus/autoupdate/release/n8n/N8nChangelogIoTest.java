package nautilus.autoupdate.release.n8n;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import nautilus.autoupdate.CliRunner;
import nautilus.autoupdate.Json;
import nautilus.autoupdate.UserError;
import nautilus.autoupdate.release.n8n.N8nChangelog.BreakingChangeEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class N8nChangelogIoTest {
  private static final Path REAL = CliRunner.shared().resolve("data/n8n-changelog");

  @TempDir Path dir;

  @Test
  void everyRealFileRoundTripsWithoutLosingAnything() throws Exception {
    List<Path> files;
    try (Stream<Path> s = Files.list(REAL)) {
      files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(files).hasSize(100);
    int byteIdentical = 0;
    for (Path file : files) {
      N8nChangelog first = N8nChangelogIo.read(file);
      Path copy = dir.resolve(file.getFileName());
      N8nChangelogIo.write(copy, first);
      N8nChangelog again = N8nChangelogIo.read(copy);
      assertThat(again).as(file.toString()).isEqualTo(first);
      JsonNode original = Json.mapper().readTree(Files.readString(file));
      JsonNode written = Json.mapper().readTree(Files.readString(copy));
      assertThat(written).as(file.toString()).isEqualTo(original);
      byteIdentical += Files.mismatch(file, copy) == -1 ? 1 : 0;
    }
    // Same key order and layout as N8N's JSON.stringify(x, null, 2).
    assertThat(byteIdentical).isEqualTo(100);
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left.filter(p -> p.toString().endsWith(".tmp"))).isEmpty();
    }
  }

  @Test
  void keepsTheObjectFieldsOfARealFile() {
    N8nChangelog c = N8nChangelogIo.read(REAL.resolve("changelog-2025-10-15.json"));
    assertThat(c.stableVersion()).isEqualTo("v1.220.0");
    assertThat(c.nightlyCommits()).isEqualTo(50L);
    BreakingChangeEntry b = c.breakingChanges().get(0);
    assertThat(b.isPlain()).isFalse();
    assertThat(b.sha()).isEqualTo("aaf5a29");
    assertThat(b.message()).contains("BREAKING: Removed `vip_level` config option");
    assertThat(c.openIssues().total()).isEqualTo(19250L);
    assertThat(c.openIssues().issuesList().get(0).labels()).containsExactly("bug");
    assertThat(c.openIssues().bugList()).isNotEmpty();
  }

  @Test
  void stringEntriesAndUnknownKeysSurviveAWrite() throws Exception {
    String text =
        "{\n  \"timestamp\": \"2026-01-01T00:00:00Z\",\n  \"stable_version\": \"v1.222.0\",\n"
            + "  \"breaking_changes\": [\n    \"Renamed `A` to `B`\",\n    {\n"
            + "      \"title\": \"t\",\n      \"message\": \"m\\n\\u0001\\t\\\"q\\\"\",\n"
            + "      \"x_extra\": [\n        1.5,\n        true,\n        null,\n        {}\n      ]\n"
            + "    }\n  ],\n"
            + "  \"open_issues\": {\n    \"total\": 1,\n    \"note\": \"é\"\n  },\n"
            + "  \"workflow\": {\n    \"id\": 7\n  },\n  \"empty\": []\n}";
    Path file = dir.resolve("c.json");
    Files.writeString(file, text);
    N8nChangelog c = N8nChangelogIo.read(file);
    assertThat(c.breakingChanges().get(0))
        .isEqualTo(BreakingChangeEntry.plain("Renamed `A` to `B`"));
    assertThat(c.breakingChanges().get(1).extra()).containsKey("x_extra");
    assertThat(c.extra()).containsOnlyKeys("workflow", "empty");
    N8nChangelogIo.write(file, c);
    assertThat(Files.readString(file)).isEqualTo(text);
  }

  @Test
  void malformedOrMistypedJsonIsAUserErrorNamingTheFile() throws Exception {
    Path file = dir.resolve("bad.json");
    Files.writeString(file, "{\n  \"stable_version\": \"v1\",\n  oops\n}");
    assertThatThrownBy(() -> N8nChangelogIo.read(file))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("bad.json:3: malformed JSON");
    Files.writeString(file, "{\"nightly_commits\": \"many\"}");
    assertThatThrownBy(() -> N8nChangelogIo.read(file))
        .hasMessageContaining("'nightly_commits' must be a whole number");
    Files.writeString(file, "{\"breaking_changes\": [42]}");
    assertThatThrownBy(() -> N8nChangelogIo.read(file))
        .hasMessageContaining("'breaking_changes[0]' must be a string or an object");
    Files.writeString(file, "[]");
    assertThatThrownBy(() -> N8nChangelogIo.read(file))
        .hasMessageContaining("expected a JSON object");
    assertThatThrownBy(() -> N8nChangelogIo.read(dir.resolve("none.json")))
        .hasMessageContaining("none.json: file not found");
  }
}

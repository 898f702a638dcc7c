package nautilus.autoupdate.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nautilus.autoupdate.CliRunner;
import nautilus.autoupdate.Json;
import nautilus.autoupdate.impact.ImpactReport;
import nautilus.autoupdate.report.ReportFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check} and {@code fix} with the API diff, on a downstream repo of the demo package (its
 * two versions built into wheels by the test): diff-only breaks get sites with their evidence and a
 * fix, a note the diff confirms becomes certain, and offline or turned off the report says why
 * there is no diff.
 */
class CheckApiDiffTest {
  static final String CODE =
      """
      from demo_pkg.old.ema import Ema
      import demo_pkg.old.ema as ema_mod
      from demo_pkg.core import Engine, gone_function


      def go():
          e = Engine("x")
          e.reset_all_things()
          e.stop(force=True)
          gone_function()
          return Ema(3), ema_mod.Ema(4), ema.Ema(5)


      from demo_pkg.old import ema
      """;

  @TempDir Path tmp;
  DemoRepo demo;
  Path repo;
  Path wheels;

  @BeforeEach
  void repoAndWheels() throws Exception {
    demo = DemoRepo.create(tmp.resolve("repo"), "demo_pkg", "1.0", "");
    repo = demo.root;
    demo.source("strategy.py", CODE);
    notes("- Improved the engine's speed");
    wheels = tmp.resolve("wheels");
    Dists.wheel(wheels, "demo_pkg", "1.0", Fixtures.demo("1.0"));
    Dists.wheel(wheels, "demo_pkg", "2.0", Fixtures.demo("2.0"));
  }

  /** RELEASES.md with {@code breaking} as the 2.0 breaking changes. */
  private void notes(String breaking) throws Exception {
    demo.demoReleases(breaking);
  }

  /** The wheels where check keeps downloaded distributions, so --offline can use them. */
  private void cacheWheels() throws Exception {
    try (var s = Files.list(wheels)) {
      demo.cacheWheels(s.toArray(Path[]::new));
    }
  }

  private JsonNode checkJson(String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("--format", "json"));
    args.addAll(List.of(extra));
    return DemoRepo.report(demo.check(args.toArray(String[]::new)));
  }

  /** Every site as "line match certainty source fix", source being the change's. */
  private static List<String> sites(JsonNode json) {
    List<String> out = new ArrayList<>();
    for (JsonNode f : json.path("affected_files")) {
      for (JsonNode s : f.path("sites")) {
        JsonNode c = json.path("breaking_changes").get(s.path("change").asInt());
        out.add(
            s.path("line").asInt()
                + " "
                + s.path("match").asText()
                + " "
                + s.path("certainty").asText()
                + " "
                + c.path("source").asText()
                + " "
                + s.path("fix").asText("-"));
      }
    }
    return out;
  }

  @Test
  void diffOnlyBreaksReachTheCodeWithEvidenceAndFixes() throws Exception {
    cacheWheels();
    JsonNode json = checkJson("--offline");
    assertThat(json.path("api_diff").path("used").asBoolean()).isTrue();
    assertThat(json.path("api_diff").path("breaks").asInt()).isGreaterThan(5);
    assertThat(sites(json))
        .contains(
            "1 import certain api-diff from demo_pkg import Ema",
            "2 import certain api-diff import demo_pkg as ema_mod",
            "8 call certain api-diff reset_all_items",
            "9 kwarg certain api-diff forced")
        .anyMatch(s -> s.startsWith("3 import certain api-diff"))
        // The module itself, bound by name: its new home under the same name.
        .contains("14 import certain api-diff import demo_pkg as ema")
        .anyMatch(s -> s.startsWith("10 ") && s.contains(" api-diff "));
    JsonNode file = json.path("affected_files").get(0);
    assertThat(file.path("path").asText()).isEqualTo("src/strategy.py");
    assertThat(file.path("severity").asText()).isEqualTo("CRITICAL");
    // Every diff site says what the two versions showed.
    for (JsonNode s : file.path("sites")) {
      assertThat(s.path("evidence").asText()).isNotBlank();
    }
    // No note mentions these breaks: each is listed as not in the notes, and only once.
    List<Integer> notInNotes = new ArrayList<>();
    json.path("api_diff").path("not_in_notes").forEach(i -> notInNotes.add(i.asInt()));
    assertThat(notInNotes).doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(4);
    for (int i : notInNotes) {
      assertThat(json.path("breaking_changes").get(i).path("source").asText())
          .isEqualTo("api-diff");
    }

    // The saved report keeps what the diff added, for fix --report and update --report.
    ImpactReport saved = ReportFile.read(repo.resolve(".nautilus-autoupdate"));
    assertThat(saved.apiDiff().notInNotes()).isEqualTo(notInNotes);
    assertThat(saved.affectedFiles().get(0).sites()).allMatch(site -> site.evidence() != null);

    CliRunner.Result text =
        CliRunner.run(repo, Map.of(), "check", "--repo", ".", "--offline", "--no-color");
    assertThat(text.out())
        .contains("API diff: ")
        .contains("Breaks not in the release notes (found by the API diff):")
        .contains("evidence: 1.0: from demo_pkg.old.ema import Ema; 2.0: gone there");
    CliRunner.Result md =
        CliRunner.run(repo, Map.of(), "check", "--repo", ".", "--offline", "--format", "markdown");
    assertThat(md.out()).contains("### Breaks not in the release notes").contains("Evidence: ");
  }

  @Test
  void aNoteSiteBothModelsResolveTheSameIsClearedAndRecorded() throws Exception {
    cacheWheels();
    Files.writeString(
        repo.resolve("src/modes.py"), "from demo_pkg.core import Mode\n\nX = Mode.FAST\n");
    // A wrong note: Mode.FAST is there in 1.0 and 2.0 alike.
    notes("- Renamed `Mode.FAST` to `Mode.QUICK`");
    JsonNode json = checkJson("--offline");
    for (JsonNode f : json.path("affected_files")) {
      assertThat(f.path("path").asText()).isNotEqualTo("src/modes.py");
    }
    JsonNode cleared = json.path("api_diff").path("cleared");
    assertThat(cleared).as(json.toPrettyString()).isNotEmpty();
    assertThat(cleared.get(0).path("path").asText()).isEqualTo("src/modes.py");
    assertThat(cleared.get(0).path("line").asInt()).isEqualTo(3);
    assertThat(cleared.get(0).path("why").asText())
        .isEqualTo(
            "resolves the same on 1.0 and 2.0: `demo_pkg.core.Mode.FAST` -> demo_pkg.core.Mode.FAST");
    // Without the models' veto the note reaches the file.
    JsonNode notesOnly = checkJson("--no-api-diff");
    assertThat(notesOnly.path("affected_files").toString()).contains("src/modes.py");
    // The saved report keeps the record.
    Path saved = tmp.resolve("r.json");
    Files.writeString(saved, json.toString());
    ImpactReport back = ReportFile.readFile(saved);
    assertThat(back.apiDiff().cleared()).hasSize(cleared.size());
  }

  @Test
  void aNoteTheDiffConfirmsBecomesCertainAndIsNotListedAsMissing() throws Exception {
    cacheWheels();
    notes("- Renamed `Engine.reset_all_things` to `reset_all_items`");
    // Without the diff the call's owner is a local variable: the note alone matches it loosely.
    JsonNode before = checkJson("--no-api-diff");
    assertThat(before.has("api_diff")).isTrue();
    assertThat(before.path("api_diff").path("used").asBoolean()).isFalse();
    assertThat(before.path("api_diff").path("unavailable").asText()).contains("--no-api-diff");
    assertThat(sites(before)).allMatch(s -> s.contains(" releases-md "));

    JsonNode json = checkJson("--offline");
    JsonNode site = null;
    for (JsonNode s : json.path("affected_files").get(0).path("sites")) {
      if (s.path("line").asInt() == 8) {
        site = s;
      }
    }
    assertThat(site).as(json.toPrettyString()).isNotNull();
    JsonNode change = json.path("breaking_changes").get(site.path("change").asInt());
    assertThat(change.path("source").asText()).isEqualTo("releases-md");
    assertThat(site.path("certainty").asText()).isEqualTo("certain");
    assertThat(site.path("fix").asText()).isEqualTo("reset_all_items");
    assertThat(site.path("evidence").asText()).startsWith("the API diff agrees: ");
    // One site on that line: the diff's finding does not count twice.
    assertThat(sites(json)).filteredOn(s -> s.startsWith("8 ")).hasSize(1);
    for (JsonNode i : json.path("api_diff").path("not_in_notes")) {
      assertThat(json.path("breaking_changes").get(i.asInt()).path("text").asText())
          .doesNotContain("reset_all_things");
    }
  }

  @Test
  void aDryRunReadsOnlyACachedComparisonAndWritesNone() throws Exception {
    cacheWheels();
    Map<String, String> dryRun = Map.of("NAUTILUS_AUTOUPDATE_DRY_RUN", "true");
    CliRunner.Result r = CliRunner.run(repo, dryRun, "check", "--repo", ".", "--format", "json");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(Json.mapper().readTree(r.out()).path("api_diff").path("unavailable").asText())
        .startsWith("dry run: only a cached API diff is read");
    assertThat(repo.resolve(".nautilus-autoupdate/api/diffs")).doesNotExist();

    assertThat(checkJson("--offline").path("api_diff").path("used").asBoolean()).isTrue();
    CliRunner.Result again =
        CliRunner.run(repo, dryRun, "check", "--repo", ".", "--format", "json");
    assertThat(Json.mapper().readTree(again.out()).path("api_diff").path("used").asBoolean())
        .isTrue();
  }

  @Test
  void offlineWithAnEmptyCacheSaysWhatItSkipped() throws Exception {
    JsonNode json = checkJson("--offline");
    assertThat(json.path("api_diff").path("used").asBoolean()).isFalse();
    assertThat(json.path("api_diff").path("unavailable").asText())
        .contains("--offline")
        .contains("demo_pkg 1.0 and 2.0")
        .contains(".nautilus-autoupdate");
    assertThat(sites(json)).noneMatch(s -> s.contains(" api-diff "));
    CliRunner.Result text = CliRunner.run(repo, Map.of(), "check", "--repo", ".", "--offline");
    assertThat(text.out()).contains("API diff: skipped: --offline: no cached API snapshot");
  }

  @Test
  void anIndexWithoutTheReleasesLeavesTheNotesAloneAndSaysWhy() throws Exception {
    try (RangeServer server = new RangeServer()) {
      Map<String, String> env =
          Map.of("NAUTILUS_AUTOUPDATE_PACKAGE_INDEX_URL", server.url("/simple"));
      CliRunner.Result r = CliRunner.run(repo, env, "check", "--repo", ".", "--format", "json");
      assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
      JsonNode diff = Json.mapper().readTree(r.out()).path("api_diff");
      assertThat(diff.path("used").asBoolean()).isFalse();
      assertThat(diff.path("unavailable").asText()).contains(server.url("/simple"));
      assertThat(r.err()).startsWith("warning: API diff skipped: ");
    }
  }

  /** Serves both wheels and a PEP 691 index page for demo-pkg on loopback. */
  private RangeServer index() throws Exception {
    RangeServer server = new RangeServer();
    StringBuilder files = new StringBuilder();
    for (String v : List.of("1.0", "2.0")) {
      String name = "demo_pkg-" + v + "-py3-none-any.whl";
      server.put(
          "/files/" + name, "application/octet-stream", Files.readAllBytes(wheels.resolve(name)));
      files
          .append(files.length() == 0 ? "" : ",")
          .append("{\"filename\":\"")
          .append(name)
          .append("\",\"url\":\"")
          .append(server.url("/files/" + name))
          .append("\",\"hashes\":{}}");
    }
    server.put(
        "/simple/demo-pkg/",
        "application/vnd.pypi.simple.v1+json",
        ("{\"meta\":{\"api-version\":\"1.1\"},\"name\":\"demo-pkg\",\"files\":[" + files + "]}")
            .getBytes(StandardCharsets.UTF_8));
    return server;
  }

  @Test
  void onlineTheDiffComesFromTheIndexAndFixAppliesIt() throws Exception {
    try (RangeServer server = index()) {
      Map<String, String> env =
          Map.of("NAUTILUS_AUTOUPDATE_PACKAGE_INDEX_URL", server.url("/simple"));

      CliRunner.Result fix =
          CliRunner.run(repo, env, "fix", "--repo", ".", "--dry-run", "--format", "diff");
      assertThat(fix.exitCode()).as(fix.err()).isZero();
      assertThat(fix.out())
          .contains("-from demo_pkg.old.ema import Ema", "+from demo_pkg import Ema")
          .contains("-import demo_pkg.old.ema as ema_mod", "+import demo_pkg as ema_mod")
          .contains("+    e.reset_all_items()")
          .contains("+    e.stop(forced=True)");
      assertThat(Files.readString(repo.resolve("src/strategy.py"))).isEqualTo(CODE);
      // The comparison is cached: offline now finds it.
      assertThat(checkJson("--offline").path("api_diff").path("used").asBoolean()).isTrue();
    }
  }

  @Test
  void modelsCachedByOneRepositoryServeAnotherOfflineWithTheSameVerdicts() throws Exception {
    Path shared = tmp.resolve("xdg");
    String online;
    String onlineFix;
    try (RangeServer server = index()) {
      Map<String, String> env =
          Map.of(
              "NAUTILUS_AUTOUPDATE_PACKAGE_INDEX_URL",
              server.url("/simple"),
              "XDG_CACHE_HOME",
              shared.toString());
      CliRunner.Result r = CliRunner.run(repo, env, "check", "--repo", ".", "--format", "json");
      assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
      online = Json.mapper().readTree(r.out()).path("affected_files").toString();
      onlineFix =
          CliRunner.run(repo, env, "fix", "--repo", ".", "--dry-run", "--format", "diff").out();
    }
    // The models sit in the shared cache, not in the repository's state.
    assertThat(shared.resolve("nautilus-autoupdate/models/demo_pkg-1.0.json")).isRegularFile();
    assertThat(shared.resolve("nautilus-autoupdate/models/demo_pkg-2.0.json")).isRegularFile();
    assertThat(repo.resolve(".nautilus-autoupdate/api/snapshots")).doesNotExist();

    // Another repository with the same code, never online: same report, same proven fixes.
    Path other = tmp.resolve("other");
    Files.createDirectories(other.resolve("src"));
    for (String f : List.of("pyproject.toml", "RELEASES.md", "src/strategy.py")) {
      Files.copy(repo.resolve(f), other.resolve(f));
    }
    Map<String, String> offline = Map.of("XDG_CACHE_HOME", shared.toString());
    CliRunner.Result r =
        CliRunner.run(other, offline, "check", "--repo", ".", "--offline", "--format", "json");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    JsonNode json = Json.mapper().readTree(r.out());
    assertThat(json.path("api_diff").path("used").asBoolean()).isTrue();
    assertThat(json.path("affected_files").toString()).isEqualTo(online);
    CliRunner.Result fix =
        CliRunner.run(
            other, offline, "fix", "--repo", ".", "--offline", "--dry-run", "--format", "diff");
    assertThat(fix.out()).isNotEmpty().isEqualTo(onlineFix);
  }
}

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code api-diff} on wheels and sdists the test builds, read offline with --dist-dir. */
class ApiDiffCommandTest {
  @TempDir Path tmp;
  Path dists;

  @BeforeEach
  void buildDistributions() throws Exception {
    dists = tmp.resolve("dists");
    Dists.wheel(dists, "demo_pkg", "1.0", Fixtures.demo("1.0"));
    Dists.wheel(dists, "demo_pkg", "2.0", Fixtures.demo("2.0"));
  }

  private JsonNode diffJson(Path dir, String... extra) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--dist-dir",
                dir.toString(),
                "--state-dir",
                tmp.resolve("state").toString(),
                "--format",
                "json"));
    args.addAll(List.of(extra));
    CliRunner.Result r = Fixtures.runDemoDiff(tmp, Map.of(), args.toArray(String[]::new));
    assertThat(r.exitCode()).as(r.err()).isZero();
    return Json.mapper().readTree(r.out());
  }

  private static List<String> found(JsonNode json) {
    List<String> out = new ArrayList<>();
    for (JsonNode c : json.path("changes")) {
      out.add(
          c.path("type").asText()
              + " "
              + c.path("change").path("old").get(0).asText()
              + " -> "
              + c.path("change").path("new").get(0).asText());
    }
    return out;
  }

  @Test
  void findsEveryKindOfBreakBetweenTwoWheels() throws Exception {
    JsonNode json = diffJson(dists, "--no-introspect");
    assertThat(found(json))
        .contains(
            "module_removed demo_pkg.old.ema -> demo_pkg",
            "name_moved demo_pkg.old.ema.Ema -> demo_pkg.Ema",
            "name_removed demo_pkg.core.gone_function -> null",
            "member_removed Engine.legacy -> null",
            "member_renamed Engine.reset_all_things -> Engine.reset_all_items",
            "member_renamed Mode.SLOW_MODE -> Mode.SLOW",
            "property_to_method Engine.status -> Engine.status()",
            "parameter_removed helper -> null",
            "parameter_renamed Engine.stop -> Engine.stop",
            "parameter_required Engine.run -> null",
            "default_changed Engine -> null",
            "member_removed Fast.level -> null",
            "parameter_renamed Fast.value -> Fast.value");
    // Unchanged things and private members are not reported.
    assertThat(found(json))
        .noneMatch(
            s -> s.contains("Fast.update") || s.contains("make_fast") || s.contains("_hidden"))
        .noneMatch(s -> s.contains("CONSTANT") || s.contains("Side"));
    JsonNode moved = change(json, "name_moved");
    assertThat(moved.path("change").path("migration").asText())
        .isEqualTo("from demo_pkg import Ema");
    assertThat(moved.path("change").path("source").asText()).isEqualTo("api-diff");
    assertThat(moved.path("change").path("kind").asText()).isEqualTo("move");
    assertThat(moved.path("documented").asBoolean()).isFalse();
    assertThat(moved.path("evidence").asText()).contains("defined in demo_pkg.indicators");
  }

  private static JsonNode change(JsonNode json, String type) {
    for (JsonNode c : json.path("changes")) {
      if (c.path("type").asText().equals(type)) {
        return c;
      }
    }
    throw new AssertionError("no " + type + " in " + json);
  }

  @Test
  void readsAnSdistWhenNoWheelIsAtHand() throws Exception {
    Path dir = tmp.resolve("sdists");
    Dists.wheel(dir, "demo_pkg", "1.0", Fixtures.demo("1.0"));
    Map<String, String> v2 = new java.util.TreeMap<>(Fixtures.demo("2.0"));
    v2.put("pyproject.toml", "[project]\nname = \"demo_pkg\"\n");
    v2.put(
        "demo_pkg/a_module_with_a_rather_long_name_to_need_a_gnu_long_link_entry_in_tar_xyz.py",
        "X = 1\n");
    Dists.sdist(dir, "demo_pkg", "2.0", v2);
    JsonNode json = diffJson(dir, "--no-introspect");
    assertThat(found(json)).contains("member_renamed Mode.SLOW_MODE -> Mode.SLOW");
    assertThat(json.path("sources").path("2.0").get(0).asText()).endsWith("demo_pkg-2.0.tar.gz");
    Path snapshot = tmp.resolve("state/api/snapshots/demo_pkg-2.0.json");
    assertThat(
            Json.mapper()
                .readTree(snapshot.toFile())
                .path("modules")
                .has(
                    "demo_pkg.a_module_with_a_rather_long_name_to_need_a_gnu_long_link_entry_in_tar_xyz"))
        .isTrue();
  }

  @Test
  void writesTheStubsOfBothVersions() throws Exception {
    Path stubs = tmp.resolve("stubs");
    JsonNode json = diffJson(dists, "--no-introspect", "--write-stubs", stubs.toString());
    assertThat(json.path("stubs").path("1.0").asText()).isEqualTo(stubs.resolve("1.0").toString());
    // Ema moved from demo_pkg.old.ema to demo_pkg: each set holds it where that version has it.
    assertThat(stubs.resolve("1.0/demo_pkg/old/ema.pyi")).content().contains("class Ema:");
    assertThat(stubs.resolve("2.0/demo_pkg/old")).doesNotExist();
    assertThat(stubs.resolve("2.0/demo_pkg/__init__.pyi"))
        .content()
        .contains("from demo_pkg.indicators import Ema as Ema");
  }

  @Test
  void textOutputMarksUndocumentedBreaksAndCachesSnapshots() throws Exception {
    String[] args =
        Fixtures.demoDiff(
            "--dist-dir",
            dists.toString(),
            "--state-dir",
            tmp.resolve("state").toString(),
            "--no-introspect");
    CliRunner.Result first = CliRunner.run(tmp, args);
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out())
        .contains("API diff demo_pkg 1.0 -> 2.0:")
        .contains("[undocumented] Ema moved from demo_pkg.old.ema to demo_pkg")
        .contains("fix: from demo_pkg import Ema");
    assertThat(tmp.resolve("state/api/snapshots/demo_pkg-1.0.json")).isRegularFile();
    // Cached: the distributions may go away and the answer stays the same.
    Files.delete(dists.resolve("demo_pkg-1.0-py3-none-any.whl"));
    CliRunner.Result second = CliRunner.run(tmp, args);
    assertThat(second.out()).contains("(cached)");
    assertThat(second.out().lines().filter(l -> l.startsWith("  [")).toList())
        .isEqualTo(first.out().lines().filter(l -> l.startsWith("  [")).toList());
  }

  @Test
  void badInputGivesOneLineErrors() throws Exception {
    CliRunner.Result badVersion = CliRunner.run(tmp, "api-diff", "--from", "one", "--to", "2.0");
    assertThat(badVersion.exitCode()).isEqualTo(1);
    assertThat(badVersion.err()).contains("error: --from 'one' is not a PEP 440 version");

    CliRunner.Result missing =
        CliRunner.run(
            tmp,
            "api-diff",
            "--from",
            "1.0",
            "--to",
            "3.0",
            "--package",
            "demo_pkg",
            "--dist-dir",
            dists.toString(),
            "--state-dir",
            tmp.resolve("state").toString(),
            "--no-introspect");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err().strip())
        .startsWith("error: no wheel or sdist of demo_pkg 3.0 in")
        .doesNotContain("\n");

    Path broken = tmp.resolve("broken");
    Files.createDirectories(broken);
    Files.writeString(broken.resolve("demo_pkg-1.0-py3-none-any.whl"), "not a zip");
    Dists.wheel(broken, "demo_pkg", "2.0", Fixtures.demo("2.0"));
    CliRunner.Result bad =
        Fixtures.runDemoDiff(
            tmp,
            Map.of(),
            "--dist-dir",
            broken.toString(),
            "--state-dir",
            tmp.resolve("state2").toString(),
            "--no-introspect");
    assertThat(bad.exitCode()).isEqualTo(1);
    assertThat(bad.err()).contains("demo_pkg-1.0-py3-none-any.whl").contains("not a valid zip");

    CliRunner.Result format =
        CliRunner.run(tmp, "api-diff", "--from", "1.0", "--to", "2.0", "--format", "xml");
    assertThat(format.err()).contains("unknown --format 'xml'");
  }
}

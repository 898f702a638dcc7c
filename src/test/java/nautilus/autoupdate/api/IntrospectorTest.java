package nautilus.autoupdate.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nautilus.autoupdate.CliRunner;
import nautilus.autoupdate.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runtime introspection for real: a virtualenv is created under the state directory, the test's
 * wheel is installed with pip, and introspect.py reports names no source reader can see.
 */
class IntrospectorTest {
  @TempDir Path tmp;

  @Test
  void runtimeApiIsMergedIntoTheSnapshot() throws Exception {
    // Python needs the real environment; the model cache must stay in the test's folder.
    Map<String, String> env = new LinkedHashMap<>(System.getenv());
    env.put("XDG_CACHE_HOME", tmp.resolve("cache").toString());
    assumeTrue(!new PythonFinder(env).all().isEmpty(), "no Python 3 on this machine");
    Path dists = tmp.resolve("dists");
    Dists.wheel(dists, "demo_pkg", "1.0", Fixtures.demo("1.0"));
    Map<String, String> v2 = new LinkedHashMap<>(Fixtures.demo("2.0"));
    v2.put(
        "demo_pkg/dyn.py",
        "import enum\n"
            + "globals()['dynamic_fn'] = lambda x, y=2: x\n"
            + "Color = enum.Enum('Color', 'RED GREEN')\n");
    Dists.wheel(dists, "demo_pkg", "2.0", v2);
    CliRunner.Result r =
        Fixtures.runDemoDiff(
            tmp,
            env,
            "--dist-dir",
            dists.toString(),
            "--state-dir",
            tmp.resolve("state").toString(),
            "--introspect",
            "--format",
            "json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode out = Json.mapper().readTree(r.out());
    assertThat(out.path("sources").path("2.0").toString()).contains("runtime introspection");
    // The .pyx has no compiled module in this wheel, so importing it fails: said, not hidden.
    assertThat(out.path("skipped").toString()).contains("demo_pkg.fast: import failed at runtime");

    JsonNode snap =
        Json.mapper()
            .readTree(tmp.resolve("cache/nautilus-autoupdate/models/demo_pkg-2.0.json").toFile());
    JsonNode dyn = snap.path("modules").path("demo_pkg.dyn");
    assertThat(dyn.path("origin").asText()).isEqualTo("py+runtime");
    assertThat(dyn.path("names").path("dynamic_fn").path("params").findValuesAsText("name"))
        .isEqualTo(List.of("x", "y"));
    assertThat(dyn.path("names").path("Color").path("members").has("GREEN")).isTrue();
    JsonNode engine = snap.path("modules").path("demo_pkg.core").path("names").path("Engine");
    assertThat(engine.path("members").path("run").path("params").findValuesAsText("name"))
        .isEqualTo(List.of("start", "limit"));
    // Reused: the virtualenv is created once per version.
    assertThat(tmp.resolve("state/api/venvs").toFile().list()).hasSize(2);
  }
}

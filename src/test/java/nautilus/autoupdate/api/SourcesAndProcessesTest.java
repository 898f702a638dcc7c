package nautilus.autoupdate.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import nautilus.autoupdate.CliRunner;
import nautilus.autoupdate.CommandResult;
import nautilus.autoupdate.CommandRunner;
import nautilus.autoupdate.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --source trees, sdists from an index, damaged caches, and the process adapter. */
class SourcesAndProcessesTest {
  @TempDir Path tmp;

  @Test
  void sourceTreeAddsCythonModulesTheWheelLacks() throws Exception {
    Path dists = tmp.resolve("dists");
    Dists.wheel(dists, "demo_pkg", "1.0", Fixtures.demo("1.0"));
    Map<String, String> v2 = new java.util.TreeMap<>(Fixtures.demo("2.0"));
    // The wheel has the compiled module only; the source tree has its .pyx.
    v2.remove("demo_pkg/fast.pyx");
    v2.remove("demo_pkg/fast.pxd");
    v2.put("demo_pkg/fast.cpython-311-x86_64-linux-gnu.so", "\u007fELF");
    Dists.wheel(dists, "demo_pkg", "2.0", v2);
    Path src = tmp.resolve("src-2.0");
    for (var e : Fixtures.demo("2.0").entrySet()) {
      Path p = src.resolve("python").resolve(e.getKey());
      Files.createDirectories(p.getParent());
      Files.writeString(p, e.getValue());
    }
    Files.createDirectories(src.resolve(".git"));
    Files.writeString(src.resolve(".git/HEAD"), "ref: x\n");
    CliRunner.Result r =
        Fixtures.runDemoDiff(
            tmp,
            Map.of(),
            "--dist-dir",
            dists.toString(),
            "--source",
            src.toString(),
            "--state-dir",
            tmp.resolve("state").toString(),
            "--no-introspect",
            "--format",
            "json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode json = Json.mapper().readTree(r.out());
    assertThat(json.path("sources").path("2.0").toString()).contains("source " + src);
    assertThat(json.path("changes").findValuesAsText("type")).contains("parameter_renamed");
    assertThat(json.path("skipped").toString()).doesNotContain("demo_pkg.fast");
    JsonNode snap =
        Json.mapper()
            .readTree(tmp.resolve("state/api/snapshots/demo_pkg-2.0+source.json").toFile());
    assertThat(snap.path("modules").path("demo_pkg.fast").path("origin").asText()).isEqualTo("pyx");

    CliRunner.Result missing =
        Fixtures.runDemoDiff(
            tmp,
            Map.of(),
            "--dist-dir",
            dists.toString(),
            "--source",
            tmp.resolve("nope").toString(),
            "--state-dir",
            tmp.resolve("state3").toString(),
            "--no-introspect");
    assertThat(missing.err()).contains("--source " + tmp.resolve("nope") + " is not a directory");
  }

  @Test
  void sdistOnlyReleasesAreDownloadedWholeAndDamagedCachesRebuilt() throws Exception {
    try (RangeServer server = new RangeServer()) {
      Path built = tmp.resolve("built");
      Path whl = Dists.wheel(built, "demo_pkg", "1.0", Fixtures.demo("1.0"));
      Path sdist = Dists.sdist(built, "demo_pkg", "2.0", Fixtures.demo("2.0"));
      server.put(
          "/files/" + whl.getFileName(), "application/octet-stream", Files.readAllBytes(whl));
      server.put(
          "/files/" + sdist.getFileName(), "application/octet-stream", Files.readAllBytes(sdist));
      String html =
          "<a href=\"/files/demo_pkg-1.0-py3-none-any.whl\">demo_pkg-1.0-py3-none-any.whl</a>"
              + "<a href=\"/files/demo_pkg-2.0.tar.gz\">demo_pkg-2.0.tar.gz</a>";
      server.put("/simple/demo-pkg/", "text/html", html.getBytes(StandardCharsets.UTF_8));
      Path state = tmp.resolve("state");
      String[] args =
          Fixtures.demoDiff(
              "--index-url",
              server.url("/simple/"),
              "--state-dir",
              state.toString(),
              "--no-introspect",
              "--format",
              "json",
              "-v");
      CliRunner.Result r = CliRunner.run(tmp, args);
      assertThat(r.exitCode()).as(r.err()).isZero();
      assertThat(r.err()).contains("downloading demo_pkg-2.0.tar.gz");
      assertThat(state.resolve("api/dists/demo_pkg-2.0.tar.gz")).hasSameBinaryContentAs(sdist);
      // A damaged snapshot and diff are rebuilt from the cached distributions, with a warning.
      Files.writeString(state.resolve("api/snapshots/demo_pkg-2.0.json"), "{broken");
      Files.writeString(state.resolve("api/diffs/demo_pkg-1.0-2.0.json"), "{broken");
      CliRunner.Result again = CliRunner.run(tmp, args);
      assertThat(again.exitCode()).as(again.err()).isZero();
      assertThat(again.err()).contains("warning: ignoring unreadable cached snapshot");
      assertThat(Json.mapper().readTree(again.out()).path("changes").size())
          .isEqualTo(Json.mapper().readTree(r.out()).path("changes").size());
    }
  }

  @Test
  void commandRunnerFeedsStdinAndReportsExitCodesOutputAndTimeouts() {
    CommandRunner runner = new CommandRunner();
    CommandResult ok =
        runner.run(List.of("cat"), tmp, Duration.ofSeconds(30), Map.of("X", "1"), "hello");
    assertThat(ok.ok()).isTrue();
    assertThat(ok.stdout()).isEqualTo("hello");
    CommandResult env =
        runner.run(List.of("sh", "-c", "echo $X"), tmp, Duration.ofSeconds(30), Map.of("X", "42"));
    assertThat(env.stdout().strip()).isEqualTo("42");
    CommandResult fail =
        runner.run(List.of("ls", "/definitely/missing"), tmp, Duration.ofSeconds(30));
    assertThat(fail.exitCode()).isNotZero();
    assertThat(fail.stderr()).isNotBlank();
    CommandResult slow = runner.run(List.of("sleep", "5"), tmp, Duration.ofMillis(200));
    assertThat(slow.timedOut()).isTrue();
    assertThat(slow.ok()).isFalse();
    CommandResult missing = runner.run(List.of("/no/such/program"), tmp, Duration.ofSeconds(5));
    assertThat(missing.started()).isFalse();
    assertThat(missing.lastLine()).startsWith("cannot run '/no/such/program'");
  }

  @Test
  void missingPythonIsSaidNotHidden() {
    Introspector none =
        new Introspector(
            new CommandRunner(),
            new PythonFinder(Map.of("PATH", "", "HOME", tmp.toString())),
            tmp,
            Map.of());
    Introspector.Outcome o =
        none.introspect(
            "demo_pkg", "1.0", "3.11", "demo_pkg==1.0", null, List.of("demo_pkg", "demo_pkg.core"));
    assertThat(o.modules()).isEmpty();
    assertThat(o.skipped())
        .containsExactly(
            "no Python 3.11 found on PATH or in ~/.pyenv/versions; runtime introspection of 2 module(s) skipped");
  }
}

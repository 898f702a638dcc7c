package nautilus.autoupdate.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import nautilus.autoupdate.CliRunner;
import nautilus.autoupdate.Json;
import nautilus.autoupdate.UserError;
import nautilus.autoupdate.version.Version;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Distributions from a package index on loopback: PEP 691 JSON and PEP 503 HTML listings, wheels
 * read by range requests (only the sources travel), and whole files when ranges are ignored.
 */
class RemoteDistributionTest {
  @TempDir Path tmp;
  RangeServer server;
  long wheelSize;

  @BeforeEach
  void serveIndex() throws Exception {
    server = new RangeServer();
    for (String v : List.of("1.0", "2.0")) {
      Map<String, String> files = new LinkedHashMap<>(Fixtures.demo(v));
      // A compiled module's worth of incompressible bytes: what range reads avoid downloading.
      byte[] blob = new byte[400_000];
      new Random(42).nextBytes(blob);
      files.put(
          "demo_pkg/blob.cpython-311-x86_64-linux-gnu.so",
          new String(blob, StandardCharsets.ISO_8859_1));
      Path whl = Dists.wheel(tmp.resolve("built"), "demo_pkg", v, files);
      byte[] bytes = Files.readAllBytes(whl);
      wheelSize += bytes.length;
      server.put("/files/" + whl.getFileName(), "application/octet-stream", bytes);
    }
    String json =
        "{\"meta\":{\"api-version\":\"1.1\"},\"name\":\"demo-pkg\",\"files\":["
            + "{\"filename\":\"demo_pkg-1.0-py3-none-any.whl\",\"url\":\"../../files/demo_pkg-1.0-py3-none-any.whl\",\"hashes\":{}},"
            + "{\"filename\":\"demo_pkg-2.0-py3-none-any.whl\",\"url\":\""
            + server.url("/files/demo_pkg-2.0-py3-none-any.whl")
            + "\",\"hashes\":{}},"
            + "{\"filename\":\"demo_pkg-2.0.tar.gz\",\"url\":\"/files/missing.tar.gz\",\"hashes\":{}}]}";
    server.put(
        "/simple/demo-pkg/",
        "application/vnd.pypi.simple.v1+json",
        json.getBytes(StandardCharsets.UTF_8));
    String html =
        "<html><body><a href=\"../../files/demo_pkg-1.0-py3-none-any.whl#sha256=00\">demo_pkg-1.0-py3-none-any.whl</a>\n"
            + "<a href=\"/files/demo_pkg-2.0-py3-none-any.whl\" data-requires-python=\"&gt;=3.11\">demo_pkg-2.0-py3-none-any.whl</a></body></html>";
    server.put("/html/demo-pkg/", "text/html", html.getBytes(StandardCharsets.UTF_8));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void listsFilesFromPep691JsonAndPep503Html() {
    Http http = Http.jdk(Duration.ofSeconds(5));
    List<DistFile> json =
        new PackageIndex(http, server.url("/simple")).files("demo_pkg", Version.parse("1.0"));
    assertThat(json)
        .extracting(DistFile::filename)
        .containsExactly("demo_pkg-1.0-py3-none-any.whl");
    assertThat(json.get(0).url()).isEqualTo(server.url("/files/demo_pkg-1.0-py3-none-any.whl"));
    List<DistFile> html =
        new PackageIndex(http, server.url("/html/")).files("Demo.Pkg", Version.parse("2.0"));
    assertThat(html)
        .extracting(DistFile::url)
        .containsExactly(server.url("/files/demo_pkg-2.0-py3-none-any.whl"));
    assertThatThrownBy(
            () -> new PackageIndex(http, server.url("/simple")).files("nope", Version.parse("1.0")))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("package 'nope' not found on index " + server.url("/simple/nope/"));
  }

  @Test
  void indexUrlComesFromUvOrPipSettingsBeforeTheConfig() {
    assertThat(PackageIndex.chooseIndex("https://pypi.org/pypi", Map.of()))
        .isEqualTo("https://pypi.org/pypi");
    assertThat(PackageIndex.chooseIndex("c", Map.of("PIP_INDEX_URL", "https://pip/simple")))
        .isEqualTo("https://pip/simple");
    assertThat(PackageIndex.chooseIndex("c", Map.of("PIP_INDEX_URL", "p", "UV_INDEX_URL", "u")))
        .isEqualTo("u");
    assertThat(PackageIndex.simpleBase("https://pypi.org/pypi/"))
        .isEqualTo("https://pypi.org/simple");
  }

  @Test
  void rangeReadsFetchOnlyTheSourcesOfAWheel() throws Exception {
    JsonNode json = run();
    assertThat(json.path("changes").size()).isGreaterThan(5);
    long downloaded = json.path("stats").path("bytes_downloaded").asLong();
    long full = json.path("stats").path("bytes_full_files").asLong();
    assertThat(full).isEqualTo(wheelSize);
    assertThat(downloaded).isLessThan(full / 4).isEqualTo(server.bytesSent.get());
    assertThat(server.ranges).anyMatch(r -> r.startsWith("bytes=-"));
    // The slim wheel keeps the module map: the compiled module is listed though not downloaded.
    JsonNode snap =
        Json.mapper().readTree(tmp.resolve("state/api/snapshots/demo_pkg-2.0.json").toFile());
    assertThat(snap.path("modules").path("demo_pkg.blob").path("origin").asText())
        .isEqualTo("extension");
    assertThat(snap.path("skipped").get(0).asText())
        .startsWith("demo_pkg.blob: compiled module without source");
  }

  @Test
  void serversIgnoringRangesGiveTheWholeFile() throws Exception {
    server.honorRanges = false;
    JsonNode json = run();
    assertThat(json.path("stats").path("bytes_downloaded").asLong()).isEqualTo(wheelSize);
    assertThat(tmp.resolve("state/api/dists/demo_pkg-1.0-py3-none-any.whl")).isRegularFile();
    assertThat(found(json)).contains("member_renamed Mode.SLOW_MODE");
  }

  private static List<String> found(JsonNode json) {
    return java.util.stream.StreamSupport.stream(json.path("changes").spliterator(), false)
        .map(c -> c.path("type").asText() + " " + c.path("change").path("old").get(0).asText())
        .toList();
  }

  private JsonNode run() throws Exception {
    CliRunner.Result r =
        Fixtures.runDemoDiff(
            tmp,
            Map.of("PATH", ""),
            "--index-url",
            server.url("/simple"),
            "--state-dir",
            tmp.resolve("state").toString(),
            "--format",
            "json",
            "--no-introspect");
    assertThat(r.exitCode()).as(r.err()).isZero();
    return Json.mapper().readTree(r.out());
  }
}

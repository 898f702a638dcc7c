package nautilus.autoupdate.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nautilus.autoupdate.CliRunner;
import nautilus.autoupdate.Json;
import nautilus.autoupdate.report.JsonSchemaCheck;

/**
 * The downstream repository the {@code check}-with-models tests share: a pyproject pinning one
 * version of a small package, RELEASES.md, code under {@code src/}, the package's versions as
 * wheels (in the repository's distribution cache, or behind a fake simple index), and {@code check}
 * run in-process.
 */
final class DemoRepo {
  final Path root;

  private DemoRepo(Path root) {
    this.root = root;
  }

  /**
   * {@code dir} as a repository depending on {@code pkg==pin}, with {@code settings} (TOML lines)
   * added to its {@code [tool.nautilus-autoupdate]} table.
   */
  static DemoRepo create(Path dir, String pkg, String pin, String settings) throws Exception {
    Files.createDirectories(dir.resolve("src"));
    Files.writeString(
        dir.resolve("pyproject.toml"),
        """
        [project]
        name = "user"
        version = "0.1"
        dependencies = ["%s==%s"]

        [tool.nautilus-autoupdate]
        package = "%s"
        source_dirs = ["src"]
        releases_md = "RELEASES.md"
        %s
        """
            .formatted(pkg, pin, pkg, settings));
    return new DemoRepo(dir);
  }

  /**
   * The settings sending every model source to {@code baseUrl}: PyPI at {@code /simple}, the
   * nautech index at {@code /nautech}, GitHub's API at the root, upstream {@code acme/demo}.
   */
  static String upstreamAt(String baseUrl) {
    return """
        upstream_repo = "acme/demo"
        package_index_url = "%s/simple"
        nightly_index_url = "%s/nautech"
        github_api_url = "%s"
        """
        .formatted(baseUrl, baseUrl, baseUrl);
  }

  void source(String path, String code) throws Exception {
    Path p = root.resolve("src").resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(p, code);
  }

  /**
   * RELEASES.md with one release per triple of version, release date ({@code "1st June 2026"}) and
   * sections ({@code "### Breaking Changes\n- ..."}), newest first.
   */
  void releases(String... versionDateSections) throws Exception {
    StringBuilder md = new StringBuilder();
    for (int i = 0; i < versionDateSections.length; i += 3) {
      md.append("# NautilusTrader ")
          .append(versionDateSections[i])
          .append(" Beta\n\nReleased on ")
          .append(versionDateSections[i + 1])
          .append(" (UTC).\n\n")
          .append(versionDateSections[i + 2])
          .append("\n\n");
    }
    Files.writeString(root.resolve("RELEASES.md"), md.toString());
  }

  /** The demo package's notes: 2.0 with {@code breaking} (bullets) as its breaking changes. */
  void demoReleases(String breaking) throws Exception {
    releases(
        "2.0",
        "1st June 2026",
        "### Breaking Changes\n" + breaking,
        "1.0",
        "1st May 2026",
        "### Enhancements\n- First release");
  }

  /** The wheels where check keeps downloaded distributions, so it needs no index. */
  void cacheWheels(Path... wheels) throws Exception {
    Path dists = root.resolve(".nautilus-autoupdate/api/dists");
    Files.createDirectories(dists);
    for (Path w : wheels) {
      Files.copy(w, dists.resolve(w.getFileName()));
    }
  }

  CliRunner.Result check(Map<String, String> env, String... extra) {
    List<String> args = new ArrayList<>(List.of("check", "--repo", "."));
    args.addAll(List.of(extra));
    return CliRunner.run(root, env, args.toArray(String[]::new));
  }

  CliRunner.Result check(String... extra) {
    return check(Map.of(), extra);
  }

  /** A JSON report (exit 2: an update is available), checked against the report's schema. */
  static JsonNode report(CliRunner.Result r) throws Exception {
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    JsonNode json = Json.mapper().readTree(r.out());
    JsonNode schema =
        Json.mapper().readTree(Files.readString(Path.of("docs/impact-report.schema.json")));
    assertThat(new JsonSchemaCheck(schema).violations(json)).isEmpty();
    return json;
  }

  /**
   * A PEP 691 simple index on {@code server} under {@code /simple/}: the project page of {@code
   * project} listing {@code wheels}, each served from {@code /files/}.
   */
  static void serveIndex(WireMockServer server, String project, Path... wheels) throws Exception {
    StringBuilder files = new StringBuilder();
    for (Path w : wheels) {
      String name = w.getFileName().toString();
      server.stubFor(
          get(urlPathEqualTo("/files/" + name))
              .willReturn(
                  aResponse()
                      .withHeader("Content-Type", "application/octet-stream")
                      .withBody(Files.readAllBytes(w))));
      files
          .append(files.length() == 0 ? "" : ",")
          .append("{\"filename\":\"")
          .append(name)
          .append("\",\"url\":\"")
          .append(server.baseUrl())
          .append("/files/")
          .append(name)
          .append("\",\"hashes\":{}}");
    }
    server.stubFor(
        get(urlPathEqualTo("/simple/" + project + "/"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/vnd.pypi.simple.v1+json")
                    .withBody(
                        "{\"meta\":{\"api-version\":\"1.1\"},\"name\":\""
                            + project
                            + "\",\"files\":["
                            + files
                            + "]}")));
  }
}

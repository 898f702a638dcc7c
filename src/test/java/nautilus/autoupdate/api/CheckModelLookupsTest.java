package nautilus.autoupdate.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import nautilus.autoupdate.CliRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check} on a version that left every index (PyPI keeps only the target, the nautech index
 * and GitHub have neither): each version's sources are asked once per check, though both the diff
 * and the choice of the target-only judge need its model, and the one warning names that version.
 */
class CheckModelLookupsTest {
  static final String WHEEL = "/files/demo_pkg-2.0-py3-none-any.whl";

  @TempDir Path tmp;
  WireMockServer server;
  DemoRepo demo;
  Map<String, String> env;

  @BeforeEach
  void setUp() throws Exception {
    server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
    // Anything not stubbed below (the nautech index, GitHub's tarballs) answers 404.
    server.stubFor(get(anyUrl()).atPriority(10).willReturn(aResponse().withStatus(404)));
    DemoRepo.serveIndex(
        server,
        "demo-pkg",
        Dists.wheel(tmp.resolve("wheels"), "demo_pkg", "2.0", Fixtures.demo("2.0")));
    demo =
        DemoRepo.create(
            tmp.resolve("repo"), "demo_pkg", "1.0", DemoRepo.upstreamAt(server.baseUrl()));
    demo.source("strategy.py", CheckApiDiffTest.CODE);
    demo.demoReleases("- Removed `gone_function`");
    env = Map.of("XDG_CACHE_HOME", tmp.resolve("xdg").toString());
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  /** How many requests each URL (path and query) got since the last reset. */
  private Map<String, Integer> requests() {
    Map<String, Integer> n = new TreeMap<>();
    server.getAllServeEvents().forEach(e -> n.merge(e.getRequest().getUrl(), 1, Integer::sum));
    server.resetRequests();
    return n;
  }

  @Test
  void eachVersionsSourcesAreAskedOncePerCheck() throws Exception {
    CliRunner.Result r = demo.check(env, "--format", "json");
    JsonNode json = DemoRepo.report(r);
    assertThat(json.at("/api_diff/used").asBoolean()).isFalse();
    // The target's model judged alone, and the report says where it came from.
    assertThat(json.at("/api_diff/sources/2.0").asText()).isEqualTo("pypi wheel");
    assertThat(json.at("/api_diff/unavailable").asText())
        .startsWith("no API model of demo_pkg 1.0: ")
        .contains("no tag v1.0 or 1.0 in acme/demo");
    assertThat(r.err().split("no API model of demo_pkg 1.0", -1)).as(r.err()).hasSize(2);

    Map<String, Integer> first = requests();
    // The project page once per version; 1.0's fallbacks once each.
    assertThat(first)
        .containsEntry("/simple/demo-pkg/", 2)
        .containsEntry("/nautech/demo-pkg/", 1)
        .containsEntry("/repos/acme/demo/tarball/v1.0", 1)
        .containsEntry("/repos/acme/demo/tarball/1.0", 1)
        .containsKey(WHEEL);
    assertThat(first.keySet()).noneMatch(u -> u.contains("2.0") && !u.equals(WHEEL));

    // The next check: 2.0's model is cached, so only 1.0's sources are asked, once each again.
    CliRunner.Result again = demo.check(env, "--no-color");
    assertThat(again.out().lines().findFirst().orElseThrow())
        .endsWith("[no API diff: notes checked on the 2.0 model only]");
    assertThat(requests())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "/simple/demo-pkg/", 1,
                "/nautech/demo-pkg/", 1,
                "/repos/acme/demo/tarball/v1.0", 1,
                "/repos/acme/demo/tarball/1.0", 1));
  }
}

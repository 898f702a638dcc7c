package nautilus.autoupdate.detect;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nautilus.autoupdate.Json;
import nautilus.autoupdate.config.AutoUpdateConfig;

/**
 * A fake NautilusTrader upstream on loopback: the PyPI JSON API, the PEP 691 nightly index and the
 * GitHub API, answering with real-shaped bodies and strong ETags, 304 to a matching If-None-Match.
 * "Publishing" a version re-stubs the affected URLs with a new body and ETag.
 */
public final class FakeUpstream implements AutoCloseable {
  public static final String REPO = "nautechsystems/nautilus_trader";

  public final WireMockServer server =
      new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
  private final Map<String, Instant> pypi = new LinkedHashMap<>();
  private final Map<String, Instant> nautech = new LinkedHashMap<>();
  private final Map<String, Instant> releases = new LinkedHashMap<>();
  private final List<ObjectNode> nightlyCommits = new ArrayList<>();
  private final Map<String, List<String>> breaking = new LinkedHashMap<>();
  private static final String UNRELEASED_NOTES =
      "# NautilusTrader 1.223.0 Beta\n\nReleased on TBD (UTC).\n\n### Breaking Changes\n- Renamed `x` to `y`\n";

  public FakeUpstream() {
    server.start();
    restubAll();
  }

  public String baseUrl() {
    return server.baseUrl();
  }

  /** The environment pointing the tool at this upstream. */
  public Map<String, String> env(Path stateDir, String channel) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("NAUTILUS_AUTOUPDATE_PACKAGE_INDEX_URL", baseUrl() + "/pypi");
    env.put("NAUTILUS_AUTOUPDATE_NIGHTLY_INDEX_URL", baseUrl() + "/simple");
    env.put("NAUTILUS_AUTOUPDATE_GITHUB_API_URL", baseUrl() + "/api");
    env.put("NAUTILUS_AUTOUPDATE_STATE_DIR", stateDir.toString());
    env.put("NAUTILUS_AUTOUPDATE_CHANNEL", channel);
    env.put("NAUTILUS_AUTOUPDATE_HTTP_TIMEOUT_SECONDS", "10");
    return env;
  }

  /** The configuration {@link #env} makes, for the stages that take one instead of the CLI's. */
  public AutoUpdateConfig config(Path stateDir, String channel) {
    @SuppressWarnings("unchecked")
    Map<String, Object> v =
        Json.mapper().convertValue(AutoUpdateConfig.defaults(), LinkedHashMap.class);
    env(stateDir, channel)
        .forEach(
            (k, val) -> v.put(k.substring("NAUTILUS_AUTOUPDATE_".length()).toLowerCase(), val));
    return Json.mapper().convertValue(v, AutoUpdateConfig.class);
  }

  public void publishStable(String version, Instant at) {
    pypi.put(version, at);
    releases.put(version, at.minusSeconds(60));
    nightlyCommits.clear();
    restubAll();
  }

  /** Adds a "Breaking Changes" section with {@code bullets} to {@code version}'s release notes. */
  public void breakingChanges(String version, String... bullets) {
    breaking.put(version, List.of(bullets));
    restubAll();
  }

  public void publishNightly(String version, Instant at, String commitMessage) {
    nautech.put(version, at);
    ObjectNode c = Json.mapper().createObjectNode();
    String sha = String.format("%040x", nightlyCommits.size() + 0xabc0001L);
    c.put("sha", sha);
    c.put("html_url", "https://github.com/" + REPO + "/commit/" + sha);
    ObjectNode commit = c.putObject("commit");
    commit.putObject("author").put("name", "dev").put("date", at.minusSeconds(3600).toString());
    commit.put("message", commitMessage);
    nightlyCommits.add(c);
    restubAll();
  }

  public void publishDevelop(String version, Instant at) {
    nautech.put(version, at);
    restubAll();
  }

  private String latestStable() {
    return releases.keySet().stream()
        .map(nautilus.autoupdate.version.Version::parse)
        .max(Comparable::compareTo)
        .map(v -> "v" + v)
        .orElse("v0.0.0");
  }

  private void restubAll() {
    server.resetMappings();
    // PyPI per-project JSON
    ObjectNode p = Json.mapper().createObjectNode();
    p.putObject("info")
        .put("name", "nautilus_trader")
        .put("package_url", "https://pypi.org/project/nautilus-trader/");
    ObjectNode rel = p.putObject("releases");
    pypi.forEach(
        (v, at) ->
            rel.putArray(v)
                .addObject()
                .put("filename", "nautilus_trader-" + v + "-cp312-cp312-manylinux_2_35_x86_64.whl")
                .put("upload_time_iso_8601", at.toString())
                .put("yanked", false));
    serve("/pypi/nautilus_trader/json", p.toString(), "application/json");
    // PEP 691 nightly index
    ObjectNode s = Json.mapper().createObjectNode();
    s.putObject("meta").put("api-version", "1.1");
    s.put("name", "nautilus-trader");
    ArrayNode files = s.putArray("files");
    nautech.forEach(
        (v, at) ->
            files
                .addObject()
                .put("filename", "nautilus_trader-" + v + "-cp312-cp312-manylinux_2_35_x86_64.whl")
                .put("url", baseUrl() + "/files/" + v + ".whl")
                .put("upload-time", at.toString())
                .putObject("hashes")
                .put("sha256", "00"));
    serve("/simple/nautilus-trader/", s.toString(), "application/vnd.pypi.simple.v1+json");
    // GitHub
    ArrayNode rels = Json.mapper().createArrayNode();
    ArrayNode tags = Json.mapper().createArrayNode();
    releases.forEach(
        (v, at) -> {
          rels.insertObject(0)
              .put("tag_name", "v" + v)
              .put("draft", false)
              .put("prerelease", false)
              .put("published_at", at.toString())
              .put("html_url", "https://github.com/" + REPO + "/releases/tag/v" + v)
              .put("body", "# NautilusTrader " + v + " Beta\n");
          tags.insertObject(0).put("name", "v" + v).putObject("commit").put("sha", "0".repeat(40));
        });
    String api = "/api/repos/" + REPO;
    serve(api + "/releases?per_page=30", rels.toString(), "application/json");
    serve(api + "/tags?per_page=30", tags.toString(), "application/json");
    ObjectNode cmp = Json.mapper().createObjectNode();
    cmp.put("total_commits", nightlyCommits.size());
    ArrayNode commits = cmp.putArray("commits");
    nightlyCommits.forEach(commits::add);
    serve(api + "/compare/" + latestStable() + "...nightly", cmp.toString(), "application/json");
    ArrayNode issues = Json.mapper().createArrayNode();
    issues
        .addObject()
        .put("number", 3081)
        .put("title", "[dYdX] Strategy fails to restart")
        .put("state", "open")
        .put("html_url", "https://github.com/" + REPO + "/issues/3081")
        .put("comments", 6)
        .put("created_at", "2025-10-14T03:34:50Z")
        .put("updated_at", "2025-10-15T04:32:36Z")
        .putObject("user")
        .put("login", "SarunasSS");
    ((ObjectNode) issues.get(0)).putArray("labels").addObject().put("name", "bug");
    serve(api + "/issues?state=open&per_page=30", issues.toString(), "application/json");
    serveRaw(api + "/contents/RELEASES.md", releasesMd());
  }

  /** The unreleased section, then one dated section per published stable release, newest first. */
  private String releasesMd() {
    StringBuilder md = new StringBuilder(UNRELEASED_NOTES);
    releases.keySet().stream()
        .map(nautilus.autoupdate.version.Version::parse)
        .sorted(java.util.Comparator.reverseOrder())
        .forEach(
            v -> {
              java.time.LocalDate d =
                  java.time.LocalDate.ofInstant(
                      releases.get(v.toString()), java.time.ZoneOffset.UTC);
              md.append("\n# NautilusTrader ")
                  .append(v)
                  .append(" Beta\n\nReleased on ")
                  .append(d.getDayOfMonth())
                  .append("th ")
                  .append(
                      d.getMonth()
                          .getDisplayName(
                              java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH))
                  .append(' ')
                  .append(d.getYear())
                  .append(" (UTC).\n\n### Enhancements\n- Faster order book\n");
              List<String> b = breaking.getOrDefault(v.toString(), List.of());
              // NautilusTrader writes the section with "None" when nothing breaks.
              md.append("\n### Breaking Changes\n");
              if (b.isEmpty()) {
                md.append("None\n");
              }
              b.forEach(line -> md.append("- ").append(line).append('\n'));
            });
    return md.toString();
  }

  private void serve(String url, String body, String type) {
    String etag = "\"r" + Integer.toHexString(body.hashCode()) + "\"";
    stub(get(url), body, type, etag);
    stub(get(url).withHeader("If-None-Match", equalTo(etag)), null, type, etag);
  }

  private void serveRaw(String path, String body) {
    String etag = "\"md" + Integer.toHexString(body.hashCode()) + "\"";
    stub(get(urlPathEqualTo(path)), body, "text/plain", etag);
    stub(
        get(urlPathEqualTo(path)).withHeader("If-None-Match", equalTo(etag)),
        null,
        "text/plain",
        etag);
  }

  private void stub(MappingBuilder m, String body, String type, String etag) {
    server.stubFor(
        m.willReturn(
            body == null
                ? aResponse().withStatus(304).withHeader("ETag", etag)
                : aResponse()
                    .withHeader("Content-Type", type)
                    .withHeader("ETag", etag)
                    .withBody(body)));
  }

  /** Requests received with this method, URL prefix and (when not null) body text. */
  public int requests(RequestMethod method, String urlPrefix, String bodyContains) {
    return (int)
        server.getAllServeEvents().stream()
            .filter(e -> e.getRequest().getMethod().equals(method))
            .filter(e -> e.getRequest().getUrl().startsWith(urlPrefix))
            .filter(
                e ->
                    bodyContains == null || e.getRequest().getBodyAsString().contains(bodyContains))
            .count();
  }

  /** Pull requests created in the downstream repository acme/strategies (GitHubStub). */
  public int pullRequestsCreated() {
    return requests(RequestMethod.POST, "/api/repos/acme/strategies/pulls", null);
  }

  /** Merges asked for in acme/strategies (PUT .../pulls/N/merge). */
  public int mergesRequested() {
    return (int)
        server.getAllServeEvents().stream()
            .filter(e -> e.getRequest().getMethod().equals(RequestMethod.PUT))
            .filter(
                e -> e.getRequest().getUrl().matches("/api/repos/acme/strategies/pulls/\\d+/merge"))
            .count();
  }

  @Override
  public void close() {
    server.stop();
  }
}

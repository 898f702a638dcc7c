package nautilus.autoupdate.detect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import nautilus.autoupdate.AtomicFiles;
import nautilus.autoupdate.Json;
import nautilus.autoupdate.UserError;
import nautilus.autoupdate.release.n8n.N8nChangelog;
import nautilus.autoupdate.release.n8n.N8nChangelogIo;

/**
 * Builds the changelog file the N8N workflow used to write ({@code timestamp}, {@code
 * stable_version}, {@code nightly_commits}, {@code breaking_changes}, {@code open_issues}) from
 * GitHub, plus a readable markdown companion, so a team can switch N8N off.
 */
public final class ChangelogBuilder {
  /** The nightly branch the commits are counted on. */
  public static final String NIGHTLY_BRANCH = "nightly";

  /** The built file and its markdown rendering; {@code warnings} name what could not be read. */
  public record Changelog(ObjectNode json, String markdown, List<String> warnings) {}

  private final GithubReleasesSource github;
  private final Clock clock;

  public ChangelogBuilder(GithubReleasesSource github, Clock clock) {
    this.github = github;
    this.clock = clock;
  }

  public Changelog build() {
    List<String> warnings = new ArrayList<>();
    String stable =
        github
            .latestStableTag()
            .orElseThrow(() -> new UserError("no stable release tag found upstream"));
    GithubReleasesSource.Comparison cmp = github.compare(stable, NIGHTLY_BRANCH);
    ObjectNode root = Json.mapper().createObjectNode();
    root.put("timestamp", clock.instant().truncatedTo(ChronoUnit.MILLIS).toString());
    root.put("stable_version", stable);
    root.put("nightly_commits", cmp.total());
    ArrayNode breaking = root.putArray("breaking_changes");
    for (GithubReleasesSource.Commit c : cmp.commits()) {
      if (!c.isBreaking()) {
        continue;
      }
      ObjectNode b = breaking.addObject();
      b.put("title", c.message().lines().findFirst().orElse(""));
      b.put("message", c.message());
      b.put("sha", c.sha().length() > 7 ? c.sha().substring(0, 7) : c.sha());
      b.put("date", c.date() == null ? null : c.date().toString());
      b.put("url", c.url());
    }
    try {
      root.set("open_issues", openIssues());
    } catch (UserError e) {
      warnings.add("open issues left out: " + e.getMessage());
    }
    return new Changelog(root, markdown(root), warnings);
  }

  private ObjectNode openIssues() {
    List<JsonNode> issues = github.openIssues();
    ObjectNode o = Json.mapper().createObjectNode();
    int bugs = 0;
    int features = 0;
    ArrayNode list = Json.mapper().createArrayNode();
    for (JsonNode i : issues) {
      List<String> labels = new ArrayList<>();
      i.path("labels")
          .forEach(l -> labels.add(l.isTextual() ? l.asText() : l.path("name").asText()));
      bugs += labels.contains("bug") ? 1 : 0;
      features += labels.contains("enhancement") ? 1 : 0;
      ObjectNode e = list.addObject();
      e.put("number", i.path("number").asInt());
      e.put("title", i.path("title").asText(""));
      e.put("state", i.path("state").asText("open"));
      labels.forEach(e.putArray("labels")::add);
      if (labels.isEmpty()) {
        e.putArray("labels");
      }
      e.put("created_at", i.path("created_at").asText(null));
      e.put("updated_at", i.path("updated_at").asText(null));
      e.put("author", i.path("user").path("login").asText(null));
      e.put("url", i.path("html_url").asText(null));
      e.put("comments", i.path("comments").asInt(0));
    }
    o.put("total", issues.size());
    o.put("bugs", bugs);
    o.put("features", features);
    o.set("issues_list", list);
    return o;
  }

  /** A readable rendering of a changelog file (also of files N8N wrote). */
  public static String markdown(JsonNode root) {
    StringBuilder md = new StringBuilder();
    md.append("# NautilusTrader changelog\n\n");
    md.append("Generated ").append(root.path("timestamp").asText("-")).append(".\n\n");
    md.append("- Latest stable release: ")
        .append(root.path("stable_version").asText("-"))
        .append('\n');
    md.append("- Commits on `nightly` since then: ")
        .append(root.path("nightly_commits").asInt())
        .append("\n\n");
    md.append("## Breaking changes on nightly\n\n");
    JsonNode breaking = root.path("breaking_changes");
    if (breaking.isEmpty()) {
      md.append("None announced.\n");
    }
    for (JsonNode b : breaking) {
      md.append("### ").append(b.path("title").asText()).append("\n\n");
      md.append("[`")
          .append(b.path("sha").asText())
          .append("`](")
          .append(b.path("url").asText())
          .append(") on ")
          .append(b.path("date").asText("-"))
          .append("\n\n");
      b.path("message")
          .asText("")
          .lines()
          .filter(l -> l.contains("BREAKING"))
          .forEach(l -> md.append("- ").append(l.replaceFirst("^[-*\\s]*", "")).append('\n'));
      md.append('\n');
    }
    JsonNode issues = root.path("open_issues");
    if (issues.isObject()) {
      md.append("## Open issues\n\n");
      md.append(issues.path("total").asInt())
          .append(" open, ")
          .append(issues.path("bugs").asInt())
          .append(" bugs, ")
          .append(issues.path("features").asInt())
          .append(" feature requests.\n\n");
      for (JsonNode i : issues.path("issues_list")) {
        md.append("- [#")
            .append(i.path("number").asInt())
            .append("](")
            .append(i.path("url").asText())
            .append(") ")
            .append(i.path("title").asText())
            .append('\n');
      }
    }
    return md.toString();
  }

  /**
   * Writes the file and its {@code .md} companion atomically, unless only the timestamp would
   * change (so repeated runs leave the files alone). Returns whether anything was written.
   */
  public static boolean write(Changelog c, Path jsonPath) {
    // One N8N model: the file is written (and compared) as N8nChangelogIo reads and writes it.
    N8nChangelog model;
    try {
      model = N8nChangelogIo.parse(Json.mapper().writeValueAsString(c.json()), jsonPath.toString());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    if (Files.isRegularFile(jsonPath)) {
      try {
        ObjectNode o =
            N8nChangelogIo.toJson(
                N8nChangelogIo.parse(Files.readString(jsonPath), jsonPath.toString()));
        ObjectNode fresh = N8nChangelogIo.toJson(model);
        o.remove("timestamp");
        fresh.remove("timestamp");
        if (o.equals(fresh)) {
          return false;
        }
      } catch (IOException | UserError unreadable) {
        // an unreadable old file is simply replaced
      }
    }
    N8nChangelogIo.write(jsonPath, model);
    AtomicFiles.write(markdownPath(jsonPath), c.markdown().getBytes(StandardCharsets.UTF_8));
    return true;
  }

  /** {@code docs/x/changelog.json} -> {@code docs/x/changelog.md}. */
  public static Path markdownPath(Path jsonPath) {
    String name = jsonPath.getFileName().toString();
    String stem = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
    return jsonPath.resolveSibling(stem + ".md");
  }
}

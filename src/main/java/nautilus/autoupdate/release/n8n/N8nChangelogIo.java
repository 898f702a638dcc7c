package nautilus.autoupdate.release.n8n;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nautilus.autoupdate.Json;
import nautilus.autoupdate.Nesting;
import nautilus.autoupdate.UserError;
import nautilus.autoupdate.release.SourceFiles;
import nautilus.autoupdate.release.n8n.N8nChangelog.BreakingChangeEntry;
import nautilus.autoupdate.release.n8n.N8nChangelog.Issue;
import nautilus.autoupdate.release.n8n.N8nChangelog.OpenIssues;

/**
 * Reads and writes the N8N changelog JSON. Writing produces what N8N's {@code JSON.stringify(x,
 * null, 2)} does (two-space indent, {@code "key": value}, no trailing newline) with the keys in
 * N8N's order, atomically (temp file in the same directory, then an atomic move).
 */
public final class N8nChangelogIo {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private N8nChangelogIo() {}

  public static N8nChangelog read(Path file) {
    String text = SourceFiles.read(file, "the N8N changelog JSON");
    return parse(text, file.toString());
  }

  /** Parses changelog JSON; {@code sourceName} names the file or URL in errors. */
  public static N8nChangelog parse(String text, String sourceName) {
    JsonNode root;
    try {
      root = Json.mapper().readTree(text);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String deep = Nesting.tooDeep(e);
      throw new UserError(
          sourceName
              + (at == null ? "" : ":" + at.getLineNr())
              + (deep != null ? ": " + deep : ": malformed JSON (" + e.getOriginalMessage() + ")"),
          e);
    }
    if (root == null || !root.isObject()) {
      throw new UserError(sourceName + ": expected a JSON object with 'stable_version'");
    }
    return new Reader(sourceName).changelog((ObjectNode) root);
  }

  public static void write(Path file, N8nChangelog changelog) {
    String text = format(changelog);
    Path dir = file.toAbsolutePath().getParent();
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
      try {
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UserError(file + ": cannot write (" + e.getMessage() + ")", e);
    }
  }

  /** The exact text {@link #write} writes. */
  public static String format(N8nChangelog changelog) {
    StringBuilder out = new StringBuilder();
    JsStringify.write(toJson(changelog), out, "");
    return out.toString();
  }

  public static ObjectNode toJson(N8nChangelog c) {
    ObjectNode o = NODES.objectNode();
    putText(o, "timestamp", c.timestamp());
    putText(o, "stable_version", c.stableVersion());
    putNumber(o, "nightly_commits", c.nightlyCommits());
    if (c.breakingChanges() != null) {
      ArrayNode a = o.putArray("breaking_changes");
      for (BreakingChangeEntry b : c.breakingChanges()) {
        if (b.isPlain()) {
          a.add(b.text());
          continue;
        }
        ObjectNode e = a.addObject();
        putText(e, "title", b.title());
        putText(e, "message", b.message());
        putText(e, "sha", b.sha());
        putText(e, "date", b.date());
        putText(e, "url", b.url());
        e.setAll(b.extra());
      }
    }
    if (c.openIssues() != null) {
      OpenIssues i = c.openIssues();
      ObjectNode e = o.putObject("open_issues");
      putNumber(e, "total", i.total());
      putNumber(e, "bugs", i.bugs());
      putNumber(e, "features", i.features());
      putIssues(e, "issues_list", i.issuesList());
      putIssues(e, "bug_list", i.bugList());
      putIssues(e, "feature_list", i.featureList());
      e.setAll(i.extra());
    }
    o.setAll(c.extra());
    return o;
  }

  private static void putIssues(ObjectNode parent, String key, List<Issue> issues) {
    if (issues == null) {
      return;
    }
    ArrayNode a = parent.putArray(key);
    for (Issue i : issues) {
      ObjectNode e = a.addObject();
      putNumber(e, "number", i.number());
      putText(e, "title", i.title());
      putText(e, "state", i.state());
      if (i.labels() != null) {
        ArrayNode l = e.putArray("labels");
        i.labels().forEach(l::add);
      }
      putText(e, "created_at", i.createdAt());
      putText(e, "updated_at", i.updatedAt());
      putText(e, "author", i.author());
      putText(e, "url", i.url());
      putNumber(e, "comments", i.comments());
      e.setAll(i.extra());
    }
  }

  private static void putText(ObjectNode o, String key, String value) {
    if (value != null) {
      o.put(key, value);
    }
  }

  private static void putNumber(ObjectNode o, String key, Long value) {
    if (value != null) {
      o.put(key, value);
    }
  }

  /** Turns JSON nodes into records, naming the file and the key when a value has the wrong type. */
  private static final class Reader {
    private final String source;

    Reader(String source) {
      this.source = source;
    }

    N8nChangelog changelog(ObjectNode o) {
      Map<String, JsonNode> extra =
          extra(
              o,
              Set.of(
                  "timestamp",
                  "stable_version",
                  "nightly_commits",
                  "breaking_changes",
                  "open_issues"));
      List<BreakingChangeEntry> breaking = list(o, "breaking_changes", this::breakingChange);
      JsonNode issues = o.get("open_issues");
      OpenIssues open = null;
      if (issues != null && !issues.isNull()) {
        if (!issues.isObject()) {
          throw wrongType("open_issues", "an object");
        }
        open = openIssues((ObjectNode) issues);
      }
      return new N8nChangelog(
          text(o, "timestamp", "timestamp"),
          text(o, "stable_version", "stable_version"),
          number(o, "nightly_commits", "nightly_commits"),
          breaking,
          open,
          extra);
    }

    private BreakingChangeEntry breakingChange(JsonNode n, String path) {
      if (n.isTextual()) {
        return BreakingChangeEntry.plain(n.asText());
      }
      if (!n.isObject()) {
        throw wrongType(path, "a string or an object with title and message");
      }
      ObjectNode o = (ObjectNode) n;
      return new BreakingChangeEntry(
          null,
          text(o, "title", path + ".title"),
          text(o, "message", path + ".message"),
          text(o, "sha", path + ".sha"),
          text(o, "date", path + ".date"),
          text(o, "url", path + ".url"),
          extra(o, Set.of("title", "message", "sha", "date", "url")));
    }

    private OpenIssues openIssues(ObjectNode o) {
      return new OpenIssues(
          number(o, "total", "open_issues.total"),
          number(o, "bugs", "open_issues.bugs"),
          number(o, "features", "open_issues.features"),
          list(o, "issues_list", this::issue),
          list(o, "bug_list", this::issue),
          list(o, "feature_list", this::issue),
          extra(o, Set.of("total", "bugs", "features", "issues_list", "bug_list", "feature_list")));
    }

    private Issue issue(JsonNode n, String path) {
      if (!n.isObject()) {
        throw wrongType(path, "an issue object");
      }
      ObjectNode o = (ObjectNode) n;
      List<String> labels =
          list(
              o,
              "labels",
              (l, p) -> {
                if (!l.isTextual()) {
                  throw wrongType(p, "a string");
                }
                return l.asText();
              });
      return new Issue(
          number(o, "number", path + ".number"),
          text(o, "title", path + ".title"),
          text(o, "state", path + ".state"),
          labels,
          text(o, "created_at", path + ".created_at"),
          text(o, "updated_at", path + ".updated_at"),
          text(o, "author", path + ".author"),
          text(o, "url", path + ".url"),
          number(o, "comments", path + ".comments"),
          extra(
              o,
              Set.of(
                  "number",
                  "title",
                  "state",
                  "labels",
                  "created_at",
                  "updated_at",
                  "author",
                  "url",
                  "comments")));
    }

    private <T> List<T> list(ObjectNode o, String key, ElementReader<T> element) {
      JsonNode n = o.get(key);
      if (n == null || n.isNull()) {
        return null; // an explicit null is kept in extra
      }
      if (!n.isArray()) {
        throw wrongType(key, "a list");
      }
      List<T> out = new ArrayList<>();
      for (int i = 0; i < n.size(); i++) {
        out.add(element.read(n.get(i), key + "[" + i + "]"));
      }
      return out;
    }

    private String text(ObjectNode o, String key, String path) {
      JsonNode n = o.get(key);
      if (n == null || n.isNull()) {
        return null;
      }
      if (!n.isTextual()) {
        throw wrongType(path, "a string");
      }
      return n.asText();
    }

    private Long number(ObjectNode o, String key, String path) {
      JsonNode n = o.get(key);
      if (n == null || n.isNull()) {
        return null;
      }
      if (!n.isIntegralNumber() || !n.canConvertToLong()) {
        throw wrongType(path, "a whole number");
      }
      return n.asLong();
    }

    private Map<String, JsonNode> extra(ObjectNode o, Set<String> known) {
      Map<String, JsonNode> out = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        // Explicit nulls have no record field, so they travel with the unknown keys.
        if (!known.contains(e.getKey()) || e.getValue().isNull()) {
          out.put(e.getKey(), e.getValue());
        }
      }
      return out;
    }

    private UserError wrongType(String path, String expected) {
      return new UserError(source + ": '" + path + "' must be " + expected);
    }
  }

  @FunctionalInterface
  private interface ElementReader<T> {
    T read(JsonNode node, String path);
  }
}

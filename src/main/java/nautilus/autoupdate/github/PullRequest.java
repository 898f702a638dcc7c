package nautilus.autoupdate.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields of a GitHub pull request the tool reads; {@code createdAt} is null when GitHub gave
 * none.
 */
public record PullRequest(
    int number,
    String nodeId,
    String url,
    String title,
    String body,
    String headRef,
    String headOwner,
    String headSha,
    Instant createdAt,
    boolean draft,
    List<String> labels) {

  public PullRequest {
    labels = List.copyOf(labels);
  }

  static PullRequest of(JsonNode n) {
    List<String> labels = new ArrayList<>();
    n.path("labels").forEach(l -> labels.add(l.path("name").asText()));
    return new PullRequest(
        n.path("number").asInt(),
        n.path("node_id").asText(""),
        n.path("html_url").asText(),
        n.path("title").asText(),
        n.path("body").asText(""),
        n.path("head").path("ref").asText(),
        n.path("head").path("repo").path("owner").path("login").asText(""),
        n.path("head").path("sha").asText(""),
        instant(n.path("created_at").asText("")),
        n.path("draft").asBoolean(false),
        labels);
  }

  /** An ISO-8601 time from GitHub, or null when absent or unreadable. */
  static Instant instant(String s) {
    if (s == null || s.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}

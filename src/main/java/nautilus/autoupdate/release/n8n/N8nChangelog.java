package nautilus.autoupdate.release.n8n;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The changelog JSON the user's N8N workflow writes ({@code
 * docs/nautilus/nautilus-trader-changelog.json}). Every field is kept; keys this model does not
 * know are preserved in {@code extra}, in their order, so writing the record back loses nothing. A
 * null component means the key was absent.
 */
public record N8nChangelog(
    String timestamp,
    String stableVersion,
    Long nightlyCommits,
    List<BreakingChangeEntry> breakingChanges,
    OpenIssues openIssues,
    Map<String, JsonNode> extra) {

  public N8nChangelog {
    breakingChanges = breakingChanges == null ? null : List.copyOf(breakingChanges);
    extra = copy(extra);
  }

  /**
   * One {@code breaking_changes} entry: either a plain string ({@code text} set, the rest null) or
   * a commit object {@code {title, message, sha, date, url}}.
   */
  public record BreakingChangeEntry(
      String text,
      String title,
      String message,
      String sha,
      String date,
      String url,
      Map<String, JsonNode> extra) {
    public BreakingChangeEntry {
      extra = copy(extra);
    }

    public static BreakingChangeEntry plain(String text) {
      return new BreakingChangeEntry(text, null, null, null, null, null, Map.of());
    }

    public boolean isPlain() {
      return text != null;
    }
  }

  /** The {@code open_issues} object: counts and the issue lists. */
  public record OpenIssues(
      Long total,
      Long bugs,
      Long features,
      List<Issue> issuesList,
      List<Issue> bugList,
      List<Issue> featureList,
      Map<String, JsonNode> extra) {
    public OpenIssues {
      issuesList = issuesList == null ? null : List.copyOf(issuesList);
      bugList = bugList == null ? null : List.copyOf(bugList);
      featureList = featureList == null ? null : List.copyOf(featureList);
      extra = copy(extra);
    }
  }

  /** One GitHub issue as the workflow lists it. */
  public record Issue(
      Long number,
      String title,
      String state,
      List<String> labels,
      String createdAt,
      String updatedAt,
      String author,
      String url,
      Long comments,
      Map<String, JsonNode> extra) {
    public Issue {
      labels = labels == null ? null : List.copyOf(labels);
      extra = copy(extra);
    }
  }

  static Map<String, JsonNode> copy(Map<String, JsonNode> extra) {
    // Insertion order matters for writing back; Map.copyOf would lose it.
    return extra == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extra));
  }
}

package nautilus.autoupdate.detect;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import nautilus.autoupdate.UserError;
import nautilus.autoupdate.version.Version;

/**
 * GitHub releases and tags of {@code upstream_repo} at {@code github_api_url}: releases carry their
 * body as notes and a publish time; tags without a release are listed without one. Also reads the
 * commits between two refs (nightly builds have no release) and upstream files at a ref.
 */
public final class GithubReleasesSource implements VersionSource {
  private static final String JSON = "application/vnd.github+json";

  /** One upstream commit; {@code url} is its web page. */
  public record Commit(String sha, String message, Instant date, String url) {
    /** Whether the message announces a breaking change ({@code BREAKING} on some line). */
    public boolean isBreaking() {
      return message.lines().anyMatch(l -> l.contains("BREAKING"));
    }

    /** The lines saying what breaks. */
    public List<String> breakingLines() {
      return message.lines().filter(l -> l.contains("BREAKING")).map(String::strip).toList();
    }
  }

  /** Commits between two refs; {@code total} may exceed the commits listed (GitHub pages them). */
  public record Comparison(String base, String head, int total, List<Commit> commits) {}

  private final ConditionalHttp http;
  private final String apiUrl;
  private final String repo;

  public GithubReleasesSource(ConditionalHttp http, String githubApiUrl, String upstreamRepo) {
    this.http = http;
    this.apiUrl = Sources.trimSlash(githubApiUrl);
    this.repo = upstreamRepo;
  }

  @Override
  public String name() {
    return "github";
  }

  private String repoUrl() {
    return apiUrl + "/repos/" + repo;
  }

  private String webUrl(String path) {
    return "https://github.com/" + repo + path;
  }

  @Override
  public List<DetectedVersion> poll() {
    List<DetectedVersion> out = new ArrayList<>();
    Set<Version> seen = new HashSet<>();
    for (JsonNode r : array(repoUrl() + "/releases?per_page=30")) {
      if (r.path("draft").asBoolean(false)) {
        continue;
      }
      String tag = r.path("tag_name").asText("");
      Optional<Version> v = tagVersion(tag);
      if (v.isEmpty() || !seen.add(v.get())) {
        continue;
      }
      out.add(
          new DetectedVersion(
              v.get(),
              Sources.instantOrNull(r.path("published_at").asText(null)),
              name(),
              r.path("html_url").asText(webUrl("/releases/tag/" + tag)),
              tag,
              r.path("body").asText(null)));
    }
    for (JsonNode t : array(repoUrl() + "/tags?per_page=30")) {
      String tag = t.path("name").asText("");
      Optional<Version> v = tagVersion(tag);
      if (v.isPresent() && seen.add(v.get())) {
        out.add(new DetectedVersion(v.get(), null, name(), webUrl("/tree/" + tag), tag, null));
      }
    }
    return out;
  }

  /**
   * The version a tag names when it is shaped like a NautilusTrader release: three numbers,
   * optionally after a {@code v}, then a PEP 440 pre/dev/post/local part ({@code 1.221.0}, {@code
   * v1.221.0}, {@code 1.222.0a20251229}, {@code 2.0.0rc1}). Any other tag ({@code 5}, {@code
   * nightly}, {@code release-2024}) is not a release: PEP 440 alone would take {@code 5} as version
   * 5, newer than every real one.
   */
  static Optional<Version> tagVersion(String tag) {
    if (tag == null || !RELEASE_TAG.matcher(tag).lookingAt()) {
      return Optional.empty();
    }
    return Version.tryParse(tag);
  }

  private static final java.util.regex.Pattern RELEASE_TAG =
      java.util.regex.Pattern.compile("[vV]?\\d+\\.\\d+\\.\\d+(?![.]?\\d)");

  /** The newest final release tag (for example {@code v1.221.0}), if any. */
  public Optional<String> latestStableTag() {
    return poll().stream()
        .filter(d -> !d.version().isPreRelease())
        .max((a, b) -> a.version().compareTo(b.version()))
        .map(DetectedVersion::ref);
  }

  /** The commits on {@code head} since {@code base} ({@code compare/base...head}). */
  public Comparison compare(String base, String head) {
    String url = repoUrl() + "/compare/" + base + "..." + head;
    JsonNode root = http.get(url, JSON, body -> Sources.parseJson(url, body)).value();
    if (root == null) {
      throw new UserError(
          "GET "
              + url
              + " answered 404: does "
              + repo
              + " have refs "
              + base
              + " and "
              + head
              + "?");
    }
    List<Commit> commits = new ArrayList<>();
    for (JsonNode c : root.path("commits")) {
      String sha = c.path("sha").asText("");
      commits.add(
          new Commit(
              sha,
              c.path("commit").path("message").asText(""),
              Sources.instantOrNull(c.path("commit").path("author").path("date").asText(null)),
              c.path("html_url").asText(webUrl("/commit/" + sha))));
    }
    int total = root.path("total_commits").asInt(commits.size());
    return new Comparison(base, head, total, commits);
  }

  /** A file's raw text at a ref via the contents API, or empty when it does not exist there. */
  public Optional<String> fileAt(String path, String ref) {
    String url = repoUrl() + "/contents/" + path + "?ref=" + ref;
    return Optional.ofNullable(http.get(url, "application/vnd.github.raw", body -> body).value());
  }

  /** Open issues as the N8N workflow listed them (newest first); empty list on 404. */
  public List<JsonNode> openIssues() {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode i : array(repoUrl() + "/issues?state=open&per_page=30")) {
      if (!i.has("pull_request")) {
        out.add(i);
      }
    }
    return out;
  }

  private List<JsonNode> array(String url) {
    JsonNode root = http.get(url, JSON, body -> Sources.parseJson(url, body)).value();
    if (root == null) {
      throw new UserError("GET " + url + " answered 404: is upstream_repo '" + repo + "' right?");
    }
    if (!root.isArray()) {
      throw new UserError(url + ": expected a JSON array");
    }
    List<JsonNode> out = new ArrayList<>();
    root.forEach(out::add);
    return out;
  }
}

package nautilus.autoupdate.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What GitHub knows about whether a pull request may merge (the statuses and check runs on its head
 * commit, its reviews and comments, when the head was committed) and the merge itself.
 */
public final class Merges {
  /** How far a status or check run got. */
  public enum CheckState {
    SUCCESS,
    PENDING,
    FAILURE
  }

  /** One commit status ({@code kind} "status") or check run ("check run") on a commit. */
  public record Check(String kind, String name, CheckState state, String detail) {}

  /** A review; {@code state} as GitHub spells it (APPROVED, CHANGES_REQUESTED, ...). */
  public record Review(String user, String state) {}

  /** A comment on the pull request's conversation. */
  public record Comment(String user, String body) {}

  /**
   * GitHub's answer to a merge: {@code status} 200 when merged, else the refusal (405: not
   * mergeable, e.g. branch protection; 409: the head moved or conflicts).
   */
  public record MergeAnswer(int status, String sha, String message) {
    public boolean merged() {
      return status / 100 == 2;
    }
  }

  private static final int MAX_PAGES = 10;

  private final GitHubClient client;
  private final GitHubRepo repo;

  public Merges(GitHubClient client, GitHubRepo repo) {
    this.client = client;
    this.repo = repo;
  }

  /**
   * Every commit status (the latest per context, from the combined status API) and every check run
   * (the latest per name) on {@code sha}.
   */
  public List<Check> checks(String sha) {
    List<Check> out = new ArrayList<>();
    String commit = repo.path() + "/commits/" + sha;
    for (JsonNode s : client.getAll(commit + "/status", "statuses", MAX_PAGES)) {
      String state = s.path("state").asText("");
      out.add(
          new Check(
              "status",
              s.path("context").asText("?"),
              switch (state) {
                case "success" -> CheckState.SUCCESS;
                case "pending" -> CheckState.PENDING;
                default -> CheckState.FAILURE;
              },
              state));
    }
    for (JsonNode r : client.getAll(commit + "/check-runs", "check_runs", MAX_PAGES)) {
      String status = r.path("status").asText("");
      String conclusion = r.path("conclusion").asText("");
      CheckState state;
      if (!status.equals("completed")) {
        state = CheckState.PENDING;
      } else {
        // neutral and skipped pass a required check on GitHub too.
        state =
            switch (conclusion) {
              case "success", "neutral", "skipped" -> CheckState.SUCCESS;
              default -> CheckState.FAILURE;
            };
      }
      out.add(
          new Check(
              "check run",
              r.path("name").asText("?"),
              state,
              status.equals("completed") ? conclusion : status));
    }
    return out;
  }

  /** When {@code sha} was committed (its committer date), if GitHub says. */
  public Optional<Instant> committedAt(String sha) {
    JsonNode c = client.get(repo.path() + "/commits/" + sha);
    return Optional.ofNullable(
        PullRequest.instant(c.path("commit").path("committer").path("date").asText("")));
  }

  /** The reviews of pull request {@code number}, oldest first. */
  public List<Review> reviews(int number) {
    List<Review> out = new ArrayList<>();
    for (JsonNode r :
        client.getAll(repo.path() + "/pulls/" + number + "/reviews", null, MAX_PAGES)) {
      out.add(
          new Review(
              r.path("user").path("login").asText(""),
              r.path("state").asText("").toUpperCase(Locale.ROOT)));
    }
    return out;
  }

  /** The conversation's comments on pull request {@code number}, oldest first. */
  public List<Comment> comments(int number) {
    List<Comment> out = new ArrayList<>();
    for (JsonNode c :
        client.getAll(repo.path() + "/issues/" + number + "/comments", null, MAX_PAGES)) {
      out.add(new Comment(c.path("user").path("login").asText(""), c.path("body").asText("")));
    }
    return out;
  }

  /**
   * Merges {@code pr} if its head is still {@code pr.headSha()} (GitHub refuses with 409 otherwise,
   * so what was checked is what merges). Refusals are answers, not errors; only a failure to get
   * any answer (5xx after retries, no connection) throws.
   */
  public MergeAnswer merge(PullRequest pr) {
    String path = repo.path() + "/pulls/" + pr.number() + "/merge";
    GitHubClient.Response r = client.send("PUT", path, Map.of("sha", pr.headSha()));
    if (r.status() >= 500 || r.status() == 0) {
      throw client.failure("PUT", path, r);
    }
    return new MergeAnswer(
        r.status(), r.body().path("sha").asText(""), r.body().path("message").asText(""));
  }

  /**
   * Deletes branch {@code name} of this repository; true when it was deleted, false when it was
   * gone already (GitHub's "delete head branches" setting may have been first).
   */
  public boolean deleteBranch(String name) {
    StringBuilder ref = new StringBuilder();
    for (String segment : name.split("/")) {
      ref.append(ref.length() == 0 ? "" : "/")
          .append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
    }
    String path = repo.path() + "/git/refs/heads/" + ref;
    GitHubClient.Response r = client.send("DELETE", path, null);
    if (r.status() == 404 || r.status() == 422) {
      return false;
    }
    if (r.status() / 100 != 2) {
      throw client.failure("DELETE", path, r);
    }
    return true;
  }
}

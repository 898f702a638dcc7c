package nautilus.autoupdate.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Pull requests of one repository, kept to one per branch: an open PR for the head branch is
 * updated, never duplicated, also when GitHub answers 422 "A pull request already exists".
 */
public final class PullRequests {
  /** What {@link #upsert} did. */
  public record Outcome(PullRequest pr, boolean created, boolean changed) {}

  private final GitHubClient client;
  private final GitHubRepo repo;

  public PullRequests(GitHubClient client, GitHubRepo repo) {
    this.client = client;
    this.repo = repo;
  }

  public GitHubRepo repo() {
    return repo;
  }

  /** The open PR whose head is {@code owner:branch}, if any. */
  public Optional<PullRequest> findOpen(String branch) {
    String head = URLEncoder.encode(repo.owner() + ":" + branch, StandardCharsets.UTF_8);
    JsonNode list = client.get(repo.path() + "/pulls?state=open&per_page=100&head=" + head);
    for (JsonNode n : list) {
      PullRequest pr = PullRequest.of(n);
      if (pr.headRef().equals(branch)) {
        return Optional.of(pr);
      }
    }
    return Optional.empty();
  }

  /** Every open PR (first 100), e.g. to find older update PRs. */
  public List<PullRequest> open() {
    List<PullRequest> prs = new ArrayList<>();
    client
        .get(repo.path() + "/pulls?state=open&per_page=100")
        .forEach(n -> prs.add(PullRequest.of(n)));
    return prs;
  }

  /**
   * Creates the PR for {@code branch}, or updates title and body of the open one; then makes sure
   * it carries {@code labels}, dropping other labels that start with a prefix in {@code
   * replacedLabelPrefixes} (e.g. an old {@code confidence:} level). An existing PR is turned into a
   * draft (or marked ready) through GraphQL, which REST cannot do.
   */
  public Outcome upsert(
      String branch,
      String base,
      String title,
      String body,
      boolean draft,
      List<String> labels,
      List<String> replacedLabelPrefixes) {
    Optional<PullRequest> existing = findOpen(branch);
    boolean created = false;
    boolean changed = false;
    PullRequest pr;
    if (existing.isEmpty()) {
      Map<String, Object> req = new LinkedHashMap<>();
      req.put("title", title);
      req.put("head", branch);
      req.put("base", base);
      req.put("body", body);
      req.put("draft", draft);
      req.put("maintainer_can_modify", true);
      GitHubClient.Response r = client.send("POST", repo.path() + "/pulls", req);
      if (r.status() == 422 && r.body().toString().contains("already exists")) {
        // Opened between our lookup and the create (another run, a person): update that one.
        PullRequest found =
            findOpen(branch).orElseThrow(() -> client.failure("POST", repo.path() + "/pulls", r));
        pr = updateIfDifferent(found, title, body);
        changed = pr != found;
      } else if (r.status() / 100 != 2) {
        throw client.failure("POST", repo.path() + "/pulls", r);
      } else {
        pr = PullRequest.of(r.body());
        created = true;
        changed = true;
      }
    } else {
      PullRequest before = existing.get();
      pr = updateIfDifferent(before, title, body);
      changed = pr != before;
      if (before.draft() != draft && !before.nodeId().isEmpty()) {
        setDraft(before, draft);
        changed = true;
      }
    }
    changed |= syncLabels(pr, labels, replacedLabelPrefixes);
    return new Outcome(pr, created, changed);
  }

  /** The merge side of this repository: checks, reviews, comments, the merge, branch deletion. */
  public Merges merges() {
    return new Merges(client, repo);
  }

  /**
   * Replaces the section of {@code pr}'s body that starts with {@code marker} (an HTML comment) by
   * {@code section}, or appends it; then makes the PR a draft or marks it ready when {@code draft}
   * is set and differs. Returns the PR as it is now.
   */
  public PullRequest annotate(PullRequest pr, String marker, String section, Boolean draft) {
    String body = pr.body();
    int at = body.indexOf(marker);
    String kept = at < 0 ? body.stripTrailing() : body.substring(0, at).stripTrailing();
    String next = (kept.isEmpty() ? "" : kept + "\n\n") + marker + "\n" + section.strip() + "\n";
    PullRequest now = updateIfDifferent(pr, pr.title(), next);
    if (draft != null && pr.draft() != draft && !pr.nodeId().isEmpty()) {
      setDraft(pr, draft);
    }
    return now;
  }

  private void setDraft(PullRequest pr, boolean draft) {
    String mutation =
        draft
            ? "mutation($id: ID!) { convertPullRequestToDraft(input: {pullRequestId: $id})"
                + " { clientMutationId } }"
            : "mutation($id: ID!) { markPullRequestReadyForReview(input: {pullRequestId: $id})"
                + " { clientMutationId } }";
    JsonNode r =
        client.postGraphQl(Map.of("query", mutation, "variables", Map.of("id", pr.nodeId())));
    if (r.path("errors").isArray() && r.path("errors").size() > 0) {
      throw new GitHubError(
          200,
          "GraphQL: cannot set draft="
              + draft
              + " on "
              + pr.url()
              + ": "
              + r.path("errors").get(0).path("message").asText());
    }
  }

  private PullRequest updateIfDifferent(PullRequest pr, String title, String body) {
    if (pr.title().equals(title) && pr.body().equals(body)) {
      return pr;
    }
    return PullRequest.of(
        client.patch(repo.path() + "/pulls/" + pr.number(), Map.of("title", title, "body", body)));
  }

  private boolean syncLabels(PullRequest pr, List<String> labels, List<String> replacedPrefixes) {
    boolean changed = false;
    for (String old : pr.labels()) {
      if (!labels.contains(old) && replacedPrefixes.stream().anyMatch(old::startsWith)) {
        client.delete(
            repo.path()
                + "/issues/"
                + pr.number()
                + "/labels/"
                + URLEncoder.encode(old, StandardCharsets.UTF_8).replace("+", "%20"));
        changed = true;
      }
    }
    List<String> missing = labels.stream().filter(l -> !pr.labels().contains(l)).toList();
    if (!missing.isEmpty()) {
      client.post(repo.path() + "/issues/" + pr.number() + "/labels", Map.of("labels", missing));
      changed = true;
    }
    return changed;
  }

  /**
   * Closes open PRs of this repository whose head is an older update branch (version by {@code
   * olderThan}) with a comment pointing to {@code replacement}. Returns the closed ones.
   */
  public List<PullRequest> closeSuperseded(
      Function<PullRequest, Boolean> olderThan, PullRequest replacement) {
    List<PullRequest> closed = new ArrayList<>();
    for (PullRequest pr : open()) {
      if (pr.number() == replacement.number() || !olderThan.apply(pr)) {
        continue;
      }
      client.post(
          repo.path() + "/issues/" + pr.number() + "/comments",
          Map.of("body", "Superseded by " + replacement.url() + " (a newer version)."));
      client.patch(repo.path() + "/pulls/" + pr.number(), Map.of("state", "closed"));
      closed.add(pr);
    }
    return closed;
  }
}

package nautilus.autoupdate.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.junit.Stubbing;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

/**
 * WireMock shaped like GitHub's pulls API for {@code acme/strategies}: no PR for the update branch
 * until one is created (then it is listed, with an older update PR #3 that should be superseded);
 * and its merge side, green: one passing status and check run on the head, no reviews or comments,
 * the merge and the branch deletion succeed.
 */
public final class GitHubStub {
  public static final String REPO = "/repos/acme/strategies";

  /** The head commit of every stubbed PR. */
  public static final String HEAD_SHA = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678";

  static final String OPEN = "open";

  /** When the stubbed PRs were opened: when this class was loaded, i.e. just now. */
  static final String CREATED_AT = java.time.Instant.now().toString();

  private GitHubStub() {}

  public static String pr(int number, String head, String body, String... labels) {
    StringBuilder l = new StringBuilder();
    for (String label : labels) {
      l.append(l.length() == 0 ? "" : ",").append("{\"name\":\"").append(label).append("\"}");
    }
    return "{\"number\":"
        + number
        + ",\"node_id\":\"PR_node"
        + number
        + "\",\"html_url\":\"https://github.com/acme/strategies/pull/"
        + number
        + "\",\"state\":\"open\",\"title\":\"Update nautilus_trader to 1.221.0\",\"body\":\""
        + body
        + "\",\"draft\":false,\"labels\":["
        + l
        + "],\"created_at\":\""
        + CREATED_AT
        + "\",\"head\":{\"ref\":\""
        + head
        + "\",\"sha\":\""
        + HEAD_SHA
        + "\",\"repo\":{\"owner\":{\"login\":\"acme\"}}},\"base\":{\"ref\":\"main\"}}";
  }

  /** The update PR #7 of {@code branch}, created on the first POST. */
  public static void pullsFor(WireMockExtension gh, String branch) {
    pullsFor(gh, "", branch);
  }

  /**
   * The same, under {@code prefix} (the path of {@code github_api_url}, e.g. {@code /api} when one
   * server fakes GitHub for upstream and for our repository).
   */
  public static void pullsFor(Stubbing gh, String prefix, String branch) {
    String s = "pulls";
    String repo = prefix + REPO;
    gh.stubFor(
        get(urlPathEqualTo(repo + "/pulls"))
            .inScenario(s)
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(okJson("[]")));
    gh.stubFor(
        post(urlEqualTo(repo + "/pulls"))
            .inScenario(s)
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(201).withBody(pr(7, branch, "")))
            .willSetStateTo(OPEN));
    gh.stubFor(
        post(urlEqualTo(repo + "/pulls"))
            .inScenario(s)
            .whenScenarioStateIs(OPEN)
            .willReturn(
                validationFailed("A pull request already exists for acme:" + branch + ".")));
    gh.stubFor(
        get(urlPathEqualTo(repo + "/pulls"))
            .inScenario(s)
            .whenScenarioStateIs(OPEN)
            .willReturn(
                okJson(
                    "["
                        + pr(7, branch, "old body", "nautilus-update", "confidence:low")
                        + ","
                        + pr(3, "update/v1.0.0", "")
                        + ","
                        + pr(4, "feature/x", "")
                        + "]")));
    gh.stubFor(
        patch(urlMatching(repo + "/pulls/\\d+"))
            .willReturn(okJson(pr(7, branch, "new", "nautilus-update", "confidence:low"))));
    gh.stubFor(post(urlMatching(repo + "/issues/\\d+/labels")).willReturn(okJson("[]")));
    gh.stubFor(
        post(urlEqualTo(prefix + "/graphql"))
            .willReturn(okJson("{\"data\":{\"convertPullRequestToDraft\":{}}}")));
    gh.stubFor(delete(urlMatching(repo + "/issues/\\d+/labels/.*")).willReturn(okJson("[]")));
    gh.stubFor(
        post(urlMatching(repo + "/issues/\\d+/comments"))
            .willReturn(aResponse().withStatus(201).withBody("{}")));
    mergeSide(gh, repo);
  }

  /** The merge side of {@code repo} (a path like {@link #REPO}), green. */
  public static void mergeSide(Stubbing gh, String repo) {
    String commit = repo + "/commits/" + HEAD_SHA;
    gh.stubFor(
        get(urlPathEqualTo(commit + "/status"))
            .willReturn(
                okJson(
                    "{\"state\":\"success\",\"total_count\":1,\"statuses\":"
                        + "[{\"context\":\"ci/lint\",\"state\":\"success\"}]}")));
    gh.stubFor(
        get(urlPathEqualTo(commit + "/check-runs"))
            .willReturn(
                okJson(
                    "{\"total_count\":1,\"check_runs\":[{\"name\":\"tests\","
                        + "\"status\":\"completed\",\"conclusion\":\"success\"}]}")));
    gh.stubFor(
        get(urlPathEqualTo(commit))
            .willReturn(
                okJson(
                    "{\"sha\":\""
                        + HEAD_SHA
                        + "\",\"commit\":{\"committer\":{\"date\":\""
                        + CREATED_AT
                        + "\"}}}")));
    gh.stubFor(get(urlPathMatching(repo + "/pulls/\\d+/reviews")).willReturn(okJson("[]")));
    gh.stubFor(get(urlPathMatching(repo + "/issues/\\d+/comments")).willReturn(okJson("[]")));
    gh.stubFor(
        put(urlMatching(repo + "/pulls/\\d+/merge"))
            .willReturn(
                okJson(
                    "{\"sha\":\"m3rg3d\",\"merged\":true,"
                        + "\"message\":\"Pull Request successfully merged\"}")));
    gh.stubFor(
        delete(urlMatching(repo + "/git/refs/heads/.*")).willReturn(aResponse().withStatus(204)));
  }

  /** GitHub's 422 with one error message. */
  public static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder validationFailed(
      String message) {
    return aResponse()
        .withStatus(422)
        .withBody(
            "{\"message\":\"Validation Failed\",\"errors\":[{\"message\":\"" + message + "\"}]}");
  }
}

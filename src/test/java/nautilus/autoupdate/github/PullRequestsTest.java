package nautilus.autoupdate.github;

import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static nautilus.autoupdate.github.GitHubStub.REPO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PullRequestsTest {
  @RegisterExtension
  static WireMockExtension gh =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  static final String BRANCH = "update/v1.221.0";
  PullRequests prs;

  @BeforeEach
  void setUp() {
    GitHubStub.pullsFor(gh, BRANCH);
    prs =
        new PullRequests(
            GitHubClient.create(URI.create(gh.baseUrl()), "t", Duration.ofSeconds(5)),
            new GitHubRepo("acme", "strategies"));
  }

  private PullRequests.Outcome upsert(boolean draft) {
    return prs.upsert(
        BRANCH,
        "main",
        "Update nautilus_trader to 1.221.0",
        "new",
        draft,
        List.of("nautilus-update", "confidence:high"),
        List.of("confidence:"));
  }

  @Test
  void createsTheFirstPrAsDraftWithLabels() {
    PullRequests.Outcome o = upsert(true);
    assertThat(o.created()).isTrue();
    assertThat(o.pr().number()).isEqualTo(7);
    assertThat(o.pr().url()).isEqualTo("https://github.com/acme/strategies/pull/7");
    gh.verify(
        getRequestedFor(urlPathEqualTo(REPO + "/pulls"))
            .withQueryParam("head", equalTo("acme:" + BRANCH))
            .withQueryParam("state", equalTo("open")));
    gh.verify(
        postRequestedFor(urlEqualTo(REPO + "/pulls"))
            .withRequestBody(matchingJsonPath("$.draft", equalTo("true")))
            .withRequestBody(matchingJsonPath("$.head", equalTo(BRANCH)))
            .withRequestBody(matchingJsonPath("$.base", equalTo("main"))));
    gh.verify(
        postRequestedFor(urlEqualTo(REPO + "/issues/7/labels"))
            .withRequestBody(
                equalToJson("{\"labels\":[\"nautilus-update\",\"confidence:high\"]}")));
  }

  @Test
  void anOpenPrIsUpdatedNeverDuplicatedAndItsOldConfidenceLabelReplaced() {
    upsert(false);
    PullRequests.Outcome second = upsert(false);
    assertThat(second.created()).isFalse();
    assertThat(second.changed()).isTrue();
    gh.verify(1, postRequestedFor(urlEqualTo(REPO + "/pulls")));
    gh.verify(patchRequestedFor(urlEqualTo(REPO + "/pulls/7")));
    gh.verify(deleteRequestedFor(urlEqualTo(REPO + "/issues/7/labels/confidence%3Alow")));
    gh.verify(
        postRequestedFor(urlEqualTo(REPO + "/issues/7/labels"))
            .withRequestBody(equalToJson("{\"labels\":[\"confidence:high\"]}")));
  }

  @Test
  void anOpenPrGetsNewFailuresTurnsIntoADraftThroughGraphQl() {
    upsert(false);
    upsert(true);
    gh.verify(
        postRequestedFor(urlEqualTo("/graphql"))
            .withRequestBody(matchingJsonPath("$.variables.id", equalTo("PR_node7")))
            .withRequestBody(
                matchingJsonPath(
                    "$.query",
                    com.github.tomakehurst.wiremock.client.WireMock.containing(
                        "convertPullRequestToDraft"))));
    gh.stubFor(
        post(urlEqualTo("/graphql"))
            .willReturn(okJson("{\"errors\":[{\"message\":\"Resource not accessible\"}]}")));
    assertThatThrownBy(() -> upsert(true))
        .isInstanceOf(GitHubError.class)
        .hasMessageContaining("cannot set draft=true")
        .hasMessageContaining("Resource not accessible");
  }

  @Test
  void a422AlreadyExistsFallsBackToTheExistingPr() {
    // The lookup misses (another run opened it a moment ago), the create answers 422.
    gh.resetAll();
    gh.stubFor(
        get(urlPathEqualTo(REPO + "/pulls"))
            .inScenario("race")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(okJson("[]"))
            .willSetStateTo("found"));
    gh.stubFor(
        get(urlPathEqualTo(REPO + "/pulls"))
            .inScenario("race")
            .whenScenarioStateIs("found")
            .willReturn(
                okJson(
                    "["
                        + GitHubStub.pr(7, BRANCH, "new", "nautilus-update", "confidence:high")
                        + "]")));
    gh.stubFor(
        post(urlEqualTo(REPO + "/pulls"))
            .willReturn(
                GitHubStub.validationFailed(
                    "A pull request already exists for acme:update/v1.221.0.")));
    PullRequests.Outcome o = upsert(false);
    assertThat(o.pr().number()).isEqualTo(7);
    assertThat(o.created()).isFalse();
    assertThat(o.changed()).as("same title, body and labels").isFalse();
    gh.verify(1, postRequestedFor(urlEqualTo(REPO + "/pulls")));
  }

  @Test
  void otherValidationErrorsAreReportedWithGithubsMessage() {
    gh.resetAll();
    gh.stubFor(get(urlPathEqualTo(REPO + "/pulls")).willReturn(okJson("[]")));
    gh.stubFor(
        post(urlEqualTo(REPO + "/pulls"))
            .willReturn(
                GitHubStub.validationFailed("No commits between main and update/v1.221.0")));
    assertThatThrownBy(() -> upsert(false))
        .isInstanceOf(GitHubError.class)
        .hasMessageContaining("HTTP 422 Validation Failed (No commits between");
  }

  @Test
  void olderUpdatePrsAreClosedWithACommentPointingToTheNewOne() {
    PullRequest created = upsert(false).pr();
    List<PullRequest> closed =
        prs.closeSuperseded(pr -> pr.headRef().equals("update/v1.0.0"), created);
    assertThat(closed).extracting(PullRequest::number).containsExactly(3);
    gh.verify(
        postRequestedFor(urlEqualTo(REPO + "/issues/3/comments"))
            .withRequestBody(
                matchingJsonPath(
                    "$.body",
                    com.github.tomakehurst.wiremock.client.WireMock.containing(created.url()))));
    gh.verify(
        patchRequestedFor(urlEqualTo(REPO + "/pulls/3"))
            .withRequestBody(equalToJson("{\"state\":\"closed\"}")));
    gh.verify(0, patchRequestedFor(urlEqualTo(REPO + "/pulls/4")));
  }

  @Test
  void theOpenPrCarriesItsHeadCommitAndWhenItWasOpened() {
    upsert(false);
    PullRequest pr = prs.findOpen(BRANCH).orElseThrow();
    assertThat(pr.headSha()).isEqualTo(GitHubStub.HEAD_SHA);
    assertThat(pr.createdAt()).isEqualTo(java.time.Instant.parse(GitHubStub.CREATED_AT));
  }
}

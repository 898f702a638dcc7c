package nautilus.autoupdate.gate;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static nautilus.autoupdate.github.GitHubStub.HEAD_SHA;
import static nautilus.autoupdate.github.GitHubStub.REPO;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import nautilus.autoupdate.Json;
import nautilus.autoupdate.TestClock;
import nautilus.autoupdate.config.AutoUpdateConfig;
import nautilus.autoupdate.github.GitHubClient;
import nautilus.autoupdate.github.GitHubRepo;
import nautilus.autoupdate.github.GitHubStub;
import nautilus.autoupdate.github.PullRequests;
import nautilus.autoupdate.impact.Recommendation;
import nautilus.autoupdate.state.MergeRecord;
import nautilus.autoupdate.state.StateDb;
import nautilus.autoupdate.state.UpdateRecord;
import nautilus.autoupdate.state.UpdateStatus;
import nautilus.autoupdate.version.Version;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The merge gate against GitHub on WireMock, its windows driven by a clock the tests move: quiet
 * and delayed windows, holds by label, review and comment, red and pending checks, branch
 * protection's 405 and a moved head's 409 (recorded, not retried), and the branch deletion.
 */
class MergeGateTest {
  @RegisterExtension
  static WireMockExtension gh =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  static final String BRANCH = "update/v1.222.0";
  static final String URL = "https://github.com/acme/strategies/pull/7";
  static final Instant OPENED = Instant.parse("2026-03-02T10:00:00Z");

  @TempDir Path dir;
  StateDb state;
  Instant now = OPENED;
  final Clock clock = TestClock.of(() -> now);

  AutoUpdateConfig config = AutoUpdateConfig.defaults();
  String tests = "41 passed";

  @BeforeEach
  void setUp() {
    state = StateDb.open(dir, clock);
    GitHubStub.mergeSide(gh, REPO);
    committedAt(OPENED.minusSeconds(60));
    openPr("acme", "nautilus-update");
  }

  @AfterEach
  void tearDown() {
    state.close();
  }

  // ---- GitHub as the test sets it up

  void openPr(String headOwner, String... labels) {
    ObjectNode pr = Json.mapper().createObjectNode();
    pr.put("number", 7).put("node_id", "PR_node7").put("html_url", URL).put("state", "open");
    pr.put("title", "Update nautilus_trader to 1.222.0").put("body", "").put("draft", false);
    pr.put("created_at", OPENED.toString());
    ArrayNode l = pr.putArray("labels");
    for (String label : labels) {
      l.addObject().put("name", label);
    }
    ObjectNode head = pr.putObject("head").put("ref", BRANCH).put("sha", headSha);
    head.putObject("repo").putObject("owner").put("login", headOwner);
    gh.stubFor(
        get(urlPathEqualTo(REPO + "/pulls"))
            .willReturn(okJson(Json.mapper().createArrayNode().add(pr).toString())));
  }

  String headSha = HEAD_SHA;

  void committedAt(Instant at) {
    gh.stubFor(
        get(urlPathEqualTo(REPO + "/commits/" + headSha))
            .willReturn(okJson("{\"commit\":{\"committer\":{\"date\":\"" + at + "\"}}}")));
  }

  void reviews(String... userAndState) {
    ArrayNode a = Json.mapper().createArrayNode();
    for (int i = 0; i < userAndState.length; i += 2) {
      a.addObject()
          .put("state", userAndState[i + 1])
          .putObject("user")
          .put("login", userAndState[i]);
    }
    gh.stubFor(get(urlPathEqualTo(REPO + "/pulls/7/reviews")).willReturn(okJson(a.toString())));
  }

  static ArrayNode comments(String... userAndBody) {
    ArrayNode a = Json.mapper().createArrayNode();
    for (int i = 0; i < userAndBody.length; i += 2) {
      a.addObject().put("body", userAndBody[i + 1]).putObject("user").put("login", userAndBody[i]);
    }
    return a;
  }

  void commentsAre(String... userAndBody) {
    gh.stubFor(
        get(urlPathEqualTo(REPO + "/issues/7/comments"))
            .willReturn(okJson(comments(userAndBody).toString())));
  }

  void checkRuns(String... nameStatusConclusion) {
    ObjectNode o = Json.mapper().createObjectNode();
    ArrayNode runs = o.putArray("check_runs");
    for (int i = 0; i < nameStatusConclusion.length; i += 3) {
      ObjectNode r =
          runs.addObject()
              .put("name", nameStatusConclusion[i])
              .put("status", nameStatusConclusion[i + 1]);
      if (!nameStatusConclusion[i + 2].isEmpty()) {
        r.put("conclusion", nameStatusConclusion[i + 2]);
      }
    }
    o.put("total_count", runs.size());
    gh.stubFor(
        get(urlPathEqualTo(REPO + "/commits/" + headSha + "/check-runs"))
            .willReturn(okJson(o.toString())));
  }

  void statuses(String... contextAndState) {
    ObjectNode o = Json.mapper().createObjectNode();
    ArrayNode st = o.putArray("statuses");
    for (int i = 0; i < contextAndState.length; i += 2) {
      st.addObject().put("context", contextAndState[i]).put("state", contextAndState[i + 1]);
    }
    // GitHub says "pending" for a commit with no statuses at all; the gate reads the list.
    o.put("state", st.isEmpty() ? "pending" : "success");
    gh.stubFor(
        get(urlPathEqualTo(REPO + "/commits/" + headSha + "/status"))
            .willReturn(okJson(o.toString())));
  }

  void mergeAnswers(int status, String message) {
    gh.stubFor(
        put(urlEqualTo(REPO + "/pulls/7/merge"))
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"message\":\"" + message + "\"}")));
  }

  GateResult pass(Recommendation rec) {
    PullRequests pulls =
        new PullRequests(
            GitHubClient.create(URI.create(gh.baseUrl()), "t", Duration.ofSeconds(5)),
            new GitHubRepo("acme", "strategies"));
    UpdateRecord u =
        new UpdateRecord(
            Version.parse("1.222.0"), UpdateStatus.UPDATED, BRANCH, headSha, URL, tests, "", now);
    return new MergeGate(pulls, state, MergeGate.Policy.of(config), clock).pass(u, rec);
  }

  int merges() {
    return gh.findAll(putRequestedFor(urlEqualTo(REPO + "/pulls/7/merge"))).size();
  }

  // ---- windows

  @Test
  void autoWaitsOutTheQuietHoursThenMergesTheCheckedHeadAndDeletesTheBranch() {
    now = OPENED.plus(Duration.ofMinutes(119));
    GateResult early = pass(Recommendation.AUTO);
    assertThat(early.kind()).isEqualTo(GateResult.Kind.WAIT);
    assertThat(early.message())
        .isEqualTo(
            URL + " may merge by itself after 2026-03-02T12:00:00Z (auto_merge_quiet_hours = 2)");
    assertThat(merges()).isZero();

    now = OPENED.plus(Duration.ofHours(2));
    GateResult r = pass(Recommendation.AUTO);
    assertThat(r.kind()).isEqualTo(GateResult.Kind.MERGED);
    assertThat(r.message()).isEqualTo("merged " + URL + " (branch " + BRANCH + " deleted)");
    gh.verify(
        putRequestedFor(urlEqualTo(REPO + "/pulls/7/merge"))
            .withRequestBody(equalToJson("{\"sha\":\"" + HEAD_SHA + "\"}")));
    gh.verify(1, deleteRequestedFor(urlEqualTo(REPO + "/git/refs/heads/update/v1.222.0")));
    assertThat(state.mergesOf(URL))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.merged()).isTrue();
              assertThat(m.headSha()).isEqualTo(HEAD_SHA);
              assertThat(m.version()).isEqualTo("1.222.0");
            });
  }

  @Test
  void theQuietHoursComeFromTheConfigAndZeroMergesAtOnce() {
    config = config.with("auto_merge_quiet_hours", 0);
    assertThat(pass(Recommendation.AUTO).kind()).isEqualTo(GateResult.Kind.MERGED);
  }

  @Test
  void aPushToThePrStartsTheWindowAgain() {
    committedAt(OPENED.plus(Duration.ofHours(3)));
    now = OPENED.plus(Duration.ofHours(4));
    GateResult r = pass(Recommendation.AUTO);
    assertThat(r.kind()).isEqualTo(GateResult.Kind.WAIT);
    assertThat(r.message()).contains("after 2026-03-02T15:00:00Z");
    now = OPENED.plus(Duration.ofHours(5));
    assertThat(pass(Recommendation.AUTO).kind()).isEqualTo(GateResult.Kind.MERGED);
  }

  @Test
  void delayedWaitsDelayedMergeHoursNotTheQuietHours() {
    now = OPENED.plus(Duration.ofHours(23));
    GateResult r = pass(Recommendation.DELAYED);
    assertThat(r.kind()).isEqualTo(GateResult.Kind.WAIT);
    assertThat(r.message()).endsWith("after 2026-03-03T10:00:00Z (delayed_merge_hours = 24)");
    assertThat(merges()).isZero();
    now = OPENED.plus(Duration.ofHours(24));
    assertThat(pass(Recommendation.DELAYED).kind()).isEqualTo(GateResult.Kind.MERGED);
    assertThat(merges()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(
      value = Recommendation.class,
      names = {"MANUAL", "BLOCKED"})
  void manualAndBlockedNeverMergeAndDoNotEvenAsk(Recommendation rec) {
    now = OPENED.plus(Duration.ofDays(30));
    GateResult r = pass(rec);
    assertThat(r.kind()).isEqualTo(GateResult.Kind.NEVER);
    assertThat(r.message()).contains("recommendation " + rec.id());
    assertThat(gh.getAllServeEvents()).isEmpty();
  }

  // ---- a person stops it

  @Test
  void theHoldLabelStopsEvenADueMerge() {
    now = OPENED.plus(Duration.ofDays(3));
    openPr("acme", "nautilus-update", "Hold");
    GateResult r = pass(Recommendation.DELAYED);
    assertThat(r.kind()).isEqualTo(GateResult.Kind.HOLD);
    assertThat(r.message()).isEqualTo("held: label 'hold' (" + URL + ")");
    assertThat(pass(Recommendation.AUTO).kind()).isEqualTo(GateResult.Kind.HOLD);
    assertThat(merges()).isZero();

    config = config.with("hold_label", "do-not-merge");
    assertThat(pass(Recommendation.DELAYED).kind())
        .as("another label is not the configured one")
        .isEqualTo(GateResult.Kind.MERGED);
  }

  @Test
  void aReviewRequestingChangesHoldsUntilThatReviewerApproves() {
    now = OPENED.plus(Duration.ofDays(3));
    reviews("alice", "CHANGES_REQUESTED", "bob", "APPROVED", "carol", "COMMENTED");
    GateResult r = pass(Recommendation.DELAYED);
    assertThat(r.kind()).isEqualTo(GateResult.Kind.HOLD);
    assertThat(r.message()).contains("alice requested changes").doesNotContain("bob");
    reviews("alice", "CHANGES_REQUESTED", "alice", "COMMENTED");
    assertThat(pass(Recommendation.DELAYED).kind())
        .as("a later comment-only review does not lift it")
        .isEqualTo(GateResult.Kind.HOLD);
    assertThat(merges()).isZero();
    reviews("alice", "CHANGES_REQUESTED", "alice", "APPROVED");
    assertThat(pass(Recommendation.DELAYED).kind()).isEqualTo(GateResult.Kind.MERGED);
  }

  @Test
  void aHoldCommentStopsItAndUnholdLiftsIt() {
    now = OPENED.plus(Duration.ofDays(3));
    commentsAre("bob", "Looks fine, but\n  /hold until the live session ends");
    GateResult r = pass(Recommendation.DELAYED);
    assertThat(r.kind()).isEqualTo(GateResult.Kind.HOLD);
    assertThat(r.message()).contains("/hold by bob");
    commentsAre("bob", "/hold", "carol", "/hold cancel");
    assertThat(pass(Recommendation.DELAYED).kind()).isEqualTo(GateResult.Kind.MERGED);
  }

  @Test
  void wordsThatOnlyLookLikeHoldDoNotHold() {
    now = OPENED.plus(Duration.ofDays(3));
    commentsAre("bob", "/holdings are unaffected", "carol", "please do not /hold this");
    assertThat(pass(Recommendation.DELAYED).kind()).isEqualTo(GateResult.Kind.MERGED);
  }

  @Test
  void unholdThenHoldAgainHolds() {
    now = OPENED.plus(Duration.ofDays(3));
    commentsAre("bob", "/hold", "bob", "/unhold", "dave", "/hold");
    assertThat(pass(Recommendation.DELAYED).message()).contains("/hold by dave");
  }

  @Test
  void aHoldOnTheSecondPageOfCommentsIsSeen() {
    now = OPENED.plus(Duration.ofDays(3));
    String[] hundred = new String[200];
    for (int i = 0; i < 100; i++) {
      hundred[2 * i] = "bot";
      hundred[2 * i + 1] = "ping " + i;
    }
    gh.stubFor(
        get(urlPathEqualTo(REPO + "/issues/7/comments"))
            .withQueryParam("page", equalTo("1"))
            .willReturn(okJson(comments(hundred).toString())));
    gh.stubFor(
        get(urlPathEqualTo(REPO + "/issues/7/comments"))
            .withQueryParam("page", equalTo("2"))
            .willReturn(okJson(comments("erin", "/hold").toString())));
    assertThat(pass(Recommendation.DELAYED).message()).contains("/hold by erin");
  }

  // ---- checks

  @Test
  void aRedCheckRunOrStatusIsReportedAndNotMerged() {
    now = OPENED.plus(Duration.ofDays(3));
    checkRuns("tests", "completed", "failure", "lint", "completed", "success");
    GateResult r = pass(Recommendation.AUTO);
    assertThat(r.kind()).isEqualTo(GateResult.Kind.RED);
    assertThat(r.message())
        .isEqualTo(
            "not merged: checks failed on " + URL + ": tests (failure); fix them or close the PR");
    checkRuns("tests", "completed", "success");
    statuses("ci/lint", "success", "ci/deploy-preview", "error");
    assertThat(pass(Recommendation.AUTO).message()).contains("ci/deploy-preview (error)");
    checkRuns("tests", "completed", "timed_out");
    statuses();
    assertThat(pass(Recommendation.AUTO).kind()).isEqualTo(GateResult.Kind.RED);
    assertThat(merges()).isZero();
  }

  @Test
  void pendingChecksWaitAndNeutralOrSkippedOnesPass() {
    now = OPENED.plus(Duration.ofDays(3));
    checkRuns("tests", "in_progress", "", "docs", "completed", "skipped");
    GateResult r = pass(Recommendation.AUTO);
    assertThat(r.kind()).isEqualTo(GateResult.Kind.WAIT);
    assertThat(r.message()).isEqualTo("waiting for checks on " + URL + ": tests (in_progress)");
    checkRuns("tests", "completed", "success");
    statuses("ci/lint", "pending");
    assertThat(pass(Recommendation.AUTO).kind()).isEqualTo(GateResult.Kind.WAIT);
    statuses("ci/lint", "success");
    checkRuns("tests", "completed", "neutral", "docs", "completed", "skipped");
    assertThat(pass(Recommendation.AUTO).kind()).isEqualTo(GateResult.Kind.MERGED);
  }

  @Test
  void withNoChecksAtAllOnlyWhatWasTestedHereMerges() {
    now = OPENED.plus(Duration.ofDays(3));
    checkRuns();
    statuses();
    tests = "skipped (skipped on request)";
    GateResult r = pass(Recommendation.AUTO);
    assertThat(r.kind()).isEqualTo(GateResult.Kind.HOLD);
    assertThat(r.message()).contains("no check ran on " + URL).contains("merge it by hand");
    assertThat(merges()).isZero();
    // A run that ran no test, or none that started, tested nothing either.
    for (String nothing :
        List.of(
            "unknown: ran no test: pytest collected no tests",
            "not started: the tests did not run (exit 4): usage",
            "timed out: no result after 60 s")) {
      tests = nothing;
      assertThat(pass(Recommendation.AUTO).kind()).as(nothing).isEqualTo(GateResult.Kind.HOLD);
    }
    assertThat(merges()).isZero();
    tests = "41 passed";
    assertThat(pass(Recommendation.AUTO).kind()).isEqualTo(GateResult.Kind.MERGED);
  }

  // ---- GitHub says no

  @Test
  void branchProtections405IsRecordedAndThatHeadIsNotTriedAgain() {
    now = OPENED.plus(Duration.ofDays(3));
    mergeAnswers(405, "Required status check \\\"deploy\\\" is expected.");
    GateResult r = pass(Recommendation.AUTO);
    assertThat(r.kind()).isEqualTo(GateResult.Kind.REFUSED);
    assertThat(r.message())
        .contains("GitHub refused to merge " + URL + " (HTTP 405: Required status check")
        .endsWith("branch protection or a moved head; merge it by hand");
    assertThat(state.mergesOf(URL))
        .singleElement()
        .extracting(MergeRecord::merged, MergeRecord::httpStatus)
        .containsExactly(false, 405);

    GateResult again = pass(Recommendation.AUTO);
    assertThat(again.kind()).isEqualTo(GateResult.Kind.REFUSED);
    assertThat(again.message()).contains("before (HTTP 405)");
    assertThat(merges()).as("not retried").isEqualTo(1);
    gh.verify(0, deleteRequestedFor(urlPathMatching(REPO + "/git/refs/.*")));

    // A push gives a new head, which the gate looks at afresh.
    headSha = "f".repeat(40);
    openPr("acme");
    checkRuns("tests", "completed", "success");
    statuses();
    committedAt(OPENED);
    mergeAnswers(200, "Pull Request successfully merged");
    assertThat(pass(Recommendation.AUTO).kind()).isEqualTo(GateResult.Kind.MERGED);
    assertThat(merges()).isEqualTo(2);
  }

  @Test
  void aMovedHeads409IsRecordedAsRefused() {
    now = OPENED.plus(Duration.ofDays(3));
    mergeAnswers(409, "Head branch was modified. Review and try the merge again.");
    GateResult r = pass(Recommendation.AUTO);
    assertThat(r.kind()).isEqualTo(GateResult.Kind.REFUSED);
    assertThat(r.message()).contains("HTTP 409: Head branch was modified");
    assertThat(state.mergesOf(URL))
        .singleElement()
        .extracting(MergeRecord::httpStatus)
        .isEqualTo(409);
    pass(Recommendation.AUTO);
    assertThat(merges()).isEqualTo(1);
  }

  @Test
  void aPrThatIsNoLongerOpenIsClosedUnlessTheGateMergedIt() {
    now = OPENED.plus(Duration.ofDays(3));
    assertThat(pass(Recommendation.AUTO).kind()).isEqualTo(GateResult.Kind.MERGED);
    gh.stubFor(get(urlPathEqualTo(REPO + "/pulls")).willReturn(okJson("[]")));
    GateResult after = pass(Recommendation.AUTO);
    assertThat(after.kind()).isEqualTo(GateResult.Kind.MERGED);
    assertThat(after.message()).isEqualTo("merged " + URL + " before");
    state.close();
    state = StateDb.open(dir.resolve("fresh"), clock);
    GateResult closed = pass(Recommendation.AUTO);
    assertThat(closed.kind()).isEqualTo(GateResult.Kind.CLOSED);
    assertThat(closed.isFinal()).isTrue();
    assertThat(merges()).isEqualTo(1);
  }

  @Test
  void aForksBranchIsNotDeleted() {
    now = OPENED.plus(Duration.ofDays(3));
    openPr("mallory");
    GateResult r = pass(Recommendation.AUTO);
    assertThat(r.message()).contains("branch kept: it is in mallory's fork");
    gh.verify(0, deleteRequestedFor(urlPathMatching(REPO + "/git/refs/.*")));
  }

  @Test
  void aBranchGitHubDeletedAlreadyIsFine() {
    now = OPENED.plus(Duration.ofDays(3));
    gh.stubFor(
        com.github.tomakehurst.wiremock.client.WireMock.delete(
                urlPathMatching(REPO + "/git/refs/heads/.*"))
            .willReturn(
                aResponse()
                    .withStatus(422)
                    .withBody("{\"message\":\"Reference does not exist\"}")));
    assertThat(pass(Recommendation.AUTO).message())
        .endsWith("(branch " + BRANCH + " was gone already)");
  }

  @Test
  void onlyFinalVerdictsAreFinal() {
    assertThat(
            List.of(GateResult.Kind.values()).stream().filter(k -> new GateResult(k, "").isFinal()))
        .containsExactlyInAnyOrder(
            GateResult.Kind.MERGED, GateResult.Kind.REFUSED, GateResult.Kind.CLOSED);
  }
}

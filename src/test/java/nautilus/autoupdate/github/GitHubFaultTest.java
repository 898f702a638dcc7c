package nautilus.autoupdate.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static nautilus.autoupdate.github.GitHubStub.REPO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import nautilus.autoupdate.BoundedHttp;
import nautilus.autoupdate.Json;
import nautilus.autoupdate.NetworkFault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * GitHub's outages are {@link NetworkFault}s, so {@code watch} tries again; its refusals are not,
 * so a bad request stops it.
 */
class GitHubFaultTest {
  @RegisterExtension
  static WireMockExtension gh =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  static final String BRANCH = "update/v1.221.0";

  private final PullRequests prs =
      new PullRequests(
          new GitHubClient(
              new BoundedHttp(BoundedHttp.Limits.standard(Duration.ofSeconds(5))),
              URI.create(gh.baseUrl()),
              "t",
              Duration.ofSeconds(5),
              d -> {},
              Clock.systemUTC()),
          new GitHubRepo("acme", "strategies"));

  private void openPr() {
    prs.upsert(BRANCH, "main", "Update", "body", false, List.of(), List.of());
  }

  @Test
  void outagesWhileOpeningOrMergingArePassingFaultsAndRefusalsAreNot() throws Exception {
    GitHubStub.pullsFor(gh, BRANCH);
    gh.stubFor(
        post(urlEqualTo(REPO + "/pulls"))
            .atPriority(1)
            .willReturn(aResponse().withStatus(502).withBody("{\"message\":\"Bad Gateway\"}")));
    assertThatThrownBy(this::openPr)
        .isInstanceOf(NetworkFault.class)
        .hasMessageContaining("POST " + gh.baseUrl() + REPO + "/pulls: HTTP 502 Bad Gateway");
    // Retried before giving up: the fault is what is left after the client's own attempts.
    gh.verify(4, postRequestedFor(urlEqualTo(REPO + "/pulls")));

    PullRequest seven = PullRequest.of(Json.mapper().readTree(GitHubStub.pr(7, BRANCH, "b")));
    gh.stubFor(
        put(urlEqualTo(REPO + "/pulls/7/merge"))
            .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    assertThatThrownBy(() -> prs.merges().merge(seven))
        .isInstanceOfSatisfying(GitHubFault.class, f -> assertThat(f.status()).isZero())
        .isInstanceOf(NetworkFault.class)
        .hasMessageContaining("no response");

    gh.stubFor(
        post(urlEqualTo(REPO + "/pulls"))
            .atPriority(1)
            .willReturn(
                GitHubStub.validationFailed("No commits between main and update/v1.221.0")));
    assertThatThrownBy(this::openPr)
        .isInstanceOf(GitHubError.class)
        .isNotInstanceOf(NetworkFault.class)
        .hasMessageContaining("HTTP 422");
    gh.stubFor(put(urlEqualTo(REPO + "/pulls/7/merge")).willReturn(okJson("{}").withStatus(405)));
    assertThat(prs.merges().merge(seven).status()).isEqualTo(405);
  }
}

package nautilus.autoupdate.cli;

import static nautilus.autoupdate.GitRepos.git;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import nautilus.autoupdate.CliRunner;
import nautilus.autoupdate.GitRepos;
import nautilus.autoupdate.Json;
import nautilus.autoupdate.detect.FakeUpstream;
import nautilus.autoupdate.github.GitHubStub;
import nautilus.autoupdate.state.StateDb;
import nautilus.autoupdate.version.Version;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The upstream publishes a stable release, two nightlies and a develop build; {@code run} runs
 * between the steps. Each version is detected on the first poll after it appears, with its latency;
 * the changelog follows; an unchanged poll makes only conditional requests and changes nothing.
 */
class DetectScenarioTest {
  @TempDir Path repo;
  FakeUpstream up;
  Map<String, String> env;

  @BeforeEach
  void start() throws Exception {
    up = new FakeUpstream();
    env = up.env(repo.resolve(".state"), "develop");
    Files.writeString(
        repo.resolve("pyproject.toml"),
        "[project]\nname = \"downstream\"\ndependencies = [\"nautilus_trader==1.221.0\"]\n");
  }

  @AfterEach
  void stop() {
    up.close();
  }

  CliRunner.Result cli(String... args) {
    return CliRunner.run(repo, env, args);
  }

  JsonNode status() throws Exception {
    CliRunner.Result r = cli("status", "--format", "json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    return Json.mapper().readTree(r.out());
  }

  JsonNode row(JsonNode status, String version) {
    for (JsonNode n : status) {
      if (n.path("version").asText().equals(version)) {
        return n;
      }
    }
    throw new AssertionError(version + " not in status: " + status);
  }

  JsonNode storedReport(String version) throws Exception {
    try (StateDb db = StateDb.open(repo.resolve(".state"), Clock.systemUTC())) {
      String json =
          db.impactReportJson(Version.parse(version))
              .orElseThrow(() -> new AssertionError("no impact report stored for " + version));
      return Json.mapper().readTree(json);
    }
  }

  @Test
  void detectsEachPublicationOnTheNextPollAndThenOnlyRevalidates() throws Exception {
    Instant t0 = Instant.now();
    up.publishStable("1.221.0", t0.minus(Duration.ofDays(30)));
    CliRunner.Result first = cli("run", "--changelog");
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).contains("new 1.221.0").contains("up to date");

    up.publishStable("1.222.0", Instant.now().minus(Duration.ofMinutes(7)));
    CliRunner.Result second = cli("run", "--changelog");
    assertThat(second.out()).contains("new 1.222.0").doesNotContain("new 1.221.0");
    JsonNode r222 = row(status(), "1.222.0");
    assertThat(r222.path("latency_seconds").asLong()).isBetween(7 * 60L - 5, 7 * 60L + 120);
    assertThat(r222.path("sources").toString()).contains("pypi").contains("github");
    // run checks the new version against the fetched RELEASES.md and stores the impact report.
    assertThat(r222.path("state").asText()).isEqualTo("reported");
    JsonNode report222 = storedReport("1.222.0");
    assertThat(report222.path("version").asText()).isEqualTo("1.222.0");
    assertThat(report222.path("previous_version").asText()).isEqualTo("1.221.0");
    assertThat(report222.path("breaking_changes")).isEmpty();
    // run asks for the API diff as check does; the fake index has no wheels, and the report says
    // so.
    assertThat(report222.path("api_diff").path("used").asBoolean()).isFalse();
    assertThat(report222.path("api_diff").path("unavailable").asText())
        .contains("no wheel or sdist of nautilus_trader 1.221.0");
    assertThat(r222.path("recommendation").asText())
        .isEqualTo(report222.path("recommendation").asText());
    assertThat(second.out())
        .contains("1.222.0: recommendation " + report222.path("recommendation").asText());

    up.publishNightly(
        "1.223.0a20260101",
        Instant.now().minusSeconds(120),
        "Refine OKX\n\n- BREAKING: Removed `vip_level` config option");
    up.publishNightly("1.223.0a20260102", Instant.now().minusSeconds(60), "Tidy docs");
    CliRunner.Result third = cli("run", "--changelog");
    assertThat(third.out()).contains("new 1.223.0a20260101").contains("new 1.223.0a20260102");

    up.publishDevelop("1.223.0.dev20260102+8001", Instant.now().minusSeconds(30));
    CliRunner.Result fourth = cli("run", "--changelog");
    assertThat(fourth.out()).contains("new 1.223.0.dev20260102+8001");
    assertThat(fourth.out()).contains("1.223.0.dev20260102+8001: recommendation");
    JsonNode devReport = storedReport("1.223.0.dev20260102+8001");
    assertThat(devReport.path("version").asText()).isEqualTo("1.223.0.dev20260102+8001");
    // A develop build is checked against the unreleased section plus the nightly BREAKING commits.
    assertThat(devReport.path("breaking_changes").toString())
        .contains("Renamed `x` to `y`")
        .contains("vip_level");

    JsonNode status = status();
    assertThat(status).hasSize(5);
    assertThat(row(status, "1.223.0a20260102").path("channel").asText()).isEqualTo("nightly");
    assertThat(row(status, "1.223.0.dev20260102+8001").path("channel").asText())
        .isEqualTo("develop");
    assertThat(row(status, "1.223.0.dev20260102+8001").path("latency_seconds").asLong())
        .isBetween(25L, 300L);

    Path changelog = repo.resolve("docs/nautilus/nautilus-trader-changelog.json");
    JsonNode cl = Json.mapper().readTree(Files.readString(changelog));
    assertThat(cl.path("stable_version").asText()).isEqualTo("v1.222.0");
    assertThat(cl.path("nightly_commits").asInt()).isEqualTo(2);
    assertThat(cl.path("breaking_changes")).hasSize(1);
    assertThat(cl.path("breaking_changes").get(0).path("title").asText()).isEqualTo("Refine OKX");
    assertThat(cl.path("open_issues").path("bugs").asInt()).isEqualTo(1);
    assertThat(Files.readString(repo.resolve("docs/nautilus/nautilus-trader-changelog.md")))
        .contains("Removed `vip_level` config option");

    // Nothing changes upstream: every request is conditional and answered 304, nothing is written.
    String statusBefore = status().toString();
    long changelogModified = Files.getLastModifiedTime(changelog).toMillis();
    up.server.resetRequests();
    CliRunner.Result again = cli("run", "--changelog");
    assertThat(again.exitCode()).isZero();
    assertThat(again.out()).doesNotContain("new ").contains("unchanged:");
    List<ServeEvent> events = up.server.getAllServeEvents();
    assertThat(events).isNotEmpty();
    assertThat(events)
        .allSatisfy(
            e -> {
              assertThat(e.getRequest().containsHeader("If-None-Match"))
                  .as(e.getRequest().getUrl())
                  .isTrue();
              assertThat(e.getResponse().getStatus()).as(e.getRequest().getUrl()).isEqualTo(304);
            });
    assertThat(status().toString()).isEqualTo(statusBefore);
    assertThat(Files.getLastModifiedTime(changelog).toMillis()).isEqualTo(changelogModified);

    CliRunner.Result detect = cli("detect");
    assertThat(detect.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(detect.out()).contains("nothing new");
  }

  @Test
  void detectExitsTwoWhenSomethingIsNewForTheChannel() throws Exception {
    up.publishStable("1.221.0", Instant.now().minus(Duration.ofDays(3)));
    CliRunner.Result r = cli("detect", "--channel", "stable", "--format", "json");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.UPDATE_AVAILABLE);
    JsonNode j = Json.mapper().readTree(r.out());
    assertThat(j.path("new").get(0).path("version").asText()).isEqualTo("1.221.0");
    assertThat(j.path("target").path("version").asText()).isEqualTo("1.221.0");
    up.publishNightly("1.222.0a20260101", Instant.now(), "x");
    CliRunner.Result stable = cli("detect", "--channel", "stable");
    assertThat(stable.exitCode()).as("a nightly is nothing new for stable").isEqualTo(ExitCodes.OK);
    CliRunner.Result dry = cli("run", "--dry-run");
    assertThat(dry.exitCode()).isZero();
  }

  // ---- run reaches the update step: a real git repository, a bare remote, GitHub on WireMock

  static final String BRANCH = "update/v1.222.0";

  /** A downstream clone pinned to 1.221.0 with its bare remote acme/strategies. */
  GitRepos downstream() throws java.io.IOException {
    return GitRepos.create(
        Files.createDirectories(repo.resolve("git")),
        "[project]\nname = \"strategies\"\ndependencies = [\"nautilus_trader==1.221.0\"]\n");
  }

  CliRunner.Result runIn(GitRepos repos, String... args) {
    Map<String, String> e = new java.util.LinkedHashMap<>(up.env(repo.resolve("state"), "stable"));
    e.put("GITHUB_TOKEN", "test-token");
    // The stubbed PR was opened just now: an auto update merges without waiting out a quiet time.
    e.put("NAUTILUS_AUTOUPDATE_AUTO_MERGE_QUIET_HOURS", "0");
    List<String> all = new java.util.ArrayList<>(List.of("run", "--skip-tests"));
    all.addAll(List.of(args));
    return CliRunner.run(repos.user, e, all.toArray(String[]::new));
  }

  /** The downstream repository, 1.221.0 and 1.222.0 (this old) upstream, GitHub for its PRs. */
  GitRepos published(Duration age222) throws java.io.IOException {
    GitRepos repos = downstream();
    up.publishStable("1.221.0", Instant.now().minus(Duration.ofDays(40)));
    up.publishStable("1.222.0", Instant.now().minus(age222));
    GitHubStub.pullsFor(up.server, "/api", BRANCH);
    return repos;
  }

  @Test
  void anAutoUpdateBranchesCommitsPushesOpensOnePrAndMergesItOnceChecksAreGreen() throws Exception {
    GitRepos repos = published(Duration.ofDays(20));
    String checkout = repos.userCheckoutHash();

    CliRunner.Result dry = runIn(repos, "--dry-run");
    assertThat(dry.exitCode()).as(dry.out() + dry.err()).isZero();
    assertThat(dry.out())
        // Without an API diff (the fake index has no wheels) a verdict is at most delayed.
        .contains("1.222.0: recommendation delayed")
        .contains("create branch " + BRANCH)
        .contains("+dependencies = [\"nautilus_trader==1.222.0\"]")
        .contains("POST pulls");
    assertThat(repos.remoteBranches()).containsExactly("main");
    assertThat(repo.resolve("state")).doesNotExist();
    assertThat(up.pullRequestsCreated()).isZero();

    // Cached snapshots of both versions (the same empty API) give a diff that finds nothing.
    nautilus.autoupdate.ApiCache.sameEmptyApi(repo.resolve("state"), "1.221.0", "1.222.0");
    CliRunner.Result r = runIn(repos);
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(r.out())
        .contains("new 1.222.0")
        .contains("→ pushed " + BRANCH)
        .contains("1.222.0: recommendation auto")
        .contains("opened https://github.com/acme/strategies/pull/7")
        .contains("1.222.0: updated https://github.com/acme/strategies/pull/7")
        .contains(
            "1.222.0: merged https://github.com/acme/strategies/pull/7 (branch "
                + BRANCH
                + " deleted)");
    assertThat(repos.remoteBranches()).containsExactlyInAnyOrder("main", BRANCH);
    assertThat(git(repos.remote, "show", BRANCH + ":pyproject.toml"))
        .contains("nautilus_trader==1.222.0");
    assertThat(git(repos.remote, "log", "--format=%s", "main.." + BRANCH))
        .isEqualTo("chore(deps): update nautilus_trader to 1.222.0");
    assertThat(repos.userCheckoutHash()).as("the user's checkout is only read").isEqualTo(checkout);

    JsonNode row = row(statusIn(repos), "1.222.0");
    assertThat(row.path("state").asText()).isEqualTo("merged");
    assertThat(row.path("branch").asText()).isEqualTo(BRANCH);
    assertThat(row.path("pr_url").asText()).isEqualTo("https://github.com/acme/strategies/pull/7");
    assertThat(row.path("tests").asText()).startsWith("skipped");
    try (StateDb db = StateDb.open(repo.resolve("state"), Clock.systemUTC())) {
      assertThat(db.updateFor(Version.parse("1.222.0")).orElseThrow().commitSha())
          .isEqualTo(git(repos.remote, "rev-parse", BRANCH));
    }
    assertThat(up.pullRequestsCreated()).isEqualTo(1);
    assertThat(up.mergesRequested()).isEqualTo(1);

    String head = git(repos.remote, "rev-parse", BRANCH);
    CliRunner.Result again = runIn(repos);
    assertThat(again.exitCode()).isZero();
    assertThat(again.out()).contains("1.222.0 was handled before (merged)");
    assertThat(git(repos.remote, "rev-parse", BRANCH)).isEqualTo(head);
    assertThat(up.pullRequestsCreated()).isEqualTo(1);
    assertThat(up.mergesRequested()).isEqualTo(1);
  }

  @Test
  void aDelayedUpdateOpensThePrButDoesNotLetItMergeInsideTheWindow() throws Exception {
    // Seven minutes old: the release-age penalty makes the score delayed, not auto.
    GitRepos repos = published(Duration.ofMinutes(7));

    CliRunner.Result r = runIn(repos);
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(r.out())
        .contains("1.222.0: recommendation delayed")
        .contains("1.222.0: updated https://github.com/acme/strategies/pull/7")
        .contains("may merge by itself after");
    assertThat(repos.remoteBranches()).contains(BRANCH);
    assertThat(row(statusIn(repos), "1.222.0").path("state").asText()).isEqualTo("updated");
    assertThat(up.pullRequestsCreated()).isEqualTo(1);
    assertThat(up.mergesRequested()).isZero();
    runIn(repos);
    assertThat(up.pullRequestsCreated()).isEqualTo(1);
    assertThat(up.mergesRequested()).isZero();
  }

  JsonNode statusIn(GitRepos repos) throws Exception {
    CliRunner.Result r =
        CliRunner.run(
            repos.user, up.env(repo.resolve("state"), "stable"), "status", "--format", "json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    return Json.mapper().readTree(r.out());
  }
}

package nautilus.autoupdate.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import nautilus.autoupdate.CliRunner;
import nautilus.autoupdate.UserError;
import nautilus.autoupdate.detect.FakeUpstream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetectCommandsTest {
  @TempDir Path repo;
  FakeUpstream up;
  Map<String, String> env;

  @BeforeEach
  void start() {
    up = new FakeUpstream();
    env = new HashMap<>(up.env(repo.resolve(".state"), "nightly"));
    up.publishStable("1.221.0", Instant.now().minus(Duration.ofDays(2)));
  }

  @AfterEach
  void stop() {
    up.close();
  }

  CliRunner.Result cli(String... args) {
    return CliRunner.run(repo, env, args);
  }

  @Test
  void statusPrintsAHistoryTable() {
    assertThat(cli("status").out()).contains("no versions seen yet");
    cli("run");
    CliRunner.Result r = cli("status");
    assertThat(r.exitCode()).isZero();
    String[] lines = r.out().split("\n");
    assertThat(lines[0])
        .startsWith("VERSION")
        .contains("LATENCY")
        .contains("BRANCH/PR")
        .endsWith("STATE");
    assertThat(lines[1])
        .startsWith("1.221.0")
        .contains("stable")
        .contains("2d00h")
        .endsWith("detected");
  }

  @Test
  void aGithubReleaseTaggedWithABareNumberIsNoVersionAndRunsKeepWorking() throws Exception {
    Files.writeString(
        repo.resolve("pyproject.toml"),
        "[project]\nname = \"s\"\ndependencies = [\"nautilus_trader==1.221.0\"]\n");
    up.server.stubFor(
        get("/api/repos/" + FakeUpstream.REPO + "/releases?per_page=30")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "[{\"tag_name\": \"5\", \"draft\": false},"
                            + " {\"tag_name\": \"v1.221.0\", \"draft\": false}]")));
    CliRunner.Result detect = cli("detect");
    assertThat(detect.out()).contains("new 1.221.0").doesNotContain("new 5 ");
    for (int i = 0; i < 2; i++) {
      CliRunner.Result run = cli("run");
      assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
      assertThat(run.out()).contains("up to date: 1.221.0 is the newest nightly version");
    }
    assertThat(cli("status", "--format", "json").out()).doesNotContain("\"version\":\"5\"");
  }

  @Test
  void aFailingSourceIsAWarningAndTheOthersStillCount() {
    up.server.stubFor(get("/simple/nautilus-trader/").willReturn(aResponse().withStatus(500)));
    env.put("NAUTILUS_AUTOUPDATE_HTTP_TIMEOUT_SECONDS", "5");
    CliRunner.Result r = cli("detect");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.UPDATE_AVAILABLE);
    assertThat(r.err()).contains("warning: nautech: GET").contains("HTTP 500");
    assertThat(r.out()).contains("new 1.221.0");
  }

  @Test
  void whenEverySourceFailsDetectIsAnError() {
    env.put("NAUTILUS_AUTOUPDATE_PACKAGE_INDEX_URL", up.baseUrl() + "/nothing");
    env.put("NAUTILUS_AUTOUPDATE_NIGHTLY_INDEX_URL", up.baseUrl() + "/nothing");
    env.put("NAUTILUS_AUTOUPDATE_GITHUB_API_URL", up.baseUrl() + "/nothing");
    CliRunner.Result r = cli("detect");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(r.err()).startsWith("error: no version source could be read").contains("404");
  }

  @Test
  void aVanishedNightlyPinIsReportedWithTheNearestBuild() throws Exception {
    up.publishNightly("1.222.0a20260105", Instant.now(), "x");
    up.publishNightly("1.222.0a20260106", Instant.now(), "y");
    Files.writeString(
        repo.resolve("pyproject.toml"),
        "[project]\ndependencies = [\"nautilus_trader==1.222.0a20260101\"]\n");
    CliRunner.Result r = cli("detect");
    assertThat(r.err())
        .contains(
            "pinned 1.222.0a20260101 is no longer on "
                + up.baseUrl()
                + "/simple/nautilus-trader/; the nearest available is 1.222.0a20260105");
  }

  @Test
  void theGithubTokenIsSentButNeverPrinted() {
    env.put("GITHUB_TOKEN", "ghp_supersecret");
    CliRunner.Result r = CliRunner.run(repo, env, "-v", "detect");
    up.server.verify(
        getRequestedFor(urlEqualTo("/api/repos/" + FakeUpstream.REPO + "/releases?per_page=30"))
            .withHeader(
                "Authorization",
                com.github.tomakehurst.wiremock.client.WireMock.equalTo("Bearer ghp_supersecret")));
    assertThat(r.out() + r.err()).doesNotContain("ghp_supersecret").contains("http: ");
  }

  @Test
  void changelogPrintsMarkdownWithoutWriteAndFilesWithIt() {
    up.publishNightly("1.222.0a20260105", Instant.now(), "Rework\n\nBREAKING: removed `Foo.bar`");
    CliRunner.Result preview = cli("changelog");
    assertThat(preview.exitCode()).as(preview.err()).isZero();
    assertThat(preview.out())
        .contains("# NautilusTrader changelog")
        .contains("removed `Foo.bar`")
        .contains("v1.221.0");
    assertThat(repo.resolve("docs")).doesNotExist();
    CliRunner.Result write = cli("changelog", "--write");
    assertThat(write.out()).contains("wrote");
    assertThat(repo.resolve("docs/nautilus/nautilus-trader-changelog.json")).exists();
    assertThat(cli("changelog", "--write").out()).contains("unchanged:");
  }

  @Test
  void watchRunsTheGivenNumberOfCycles() throws Exception {
    Files.writeString(
        repo.resolve("pyproject.toml"),
        "[project]\ndependencies = [\"nautilus_trader==1.221.0\"]\n");
    CliRunner.Result r = cli("watch", "--interval", "1s", "--count", "2");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).containsOnlyOnce("new 1.221.0");
    assertThat(r.out().split("up to date", -1).length - 1).isEqualTo(2);
  }

  /** Every source answers {@code status} (WireMock), or is a URL of nothing (404). */
  private void sourcesAt(String path) {
    env.put("NAUTILUS_AUTOUPDATE_PACKAGE_INDEX_URL", up.baseUrl() + path);
    env.put("NAUTILUS_AUTOUPDATE_NIGHTLY_INDEX_URL", up.baseUrl() + path);
    env.put("NAUTILUS_AUTOUPDATE_GITHUB_API_URL", up.baseUrl() + path);
  }

  @Test
  void watchRetriesACycleThatFailedOnTheNetwork() {
    up.server.stubFor(get(urlMatching("/down/.*")).willReturn(aResponse().withStatus(503)));
    sourcesAt("/down");
    CliRunner.Result r = cli("watch", "--interval", "1s", "--count", "2");
    assertThat(r.exitCode()).isZero();
    // Both cycles ran and each told its fault once: the 503 is a fault worth retrying.
    assertThat(r.err().split("\\(will retry\\)", -1).length - 1).isEqualTo(2);
    assertThat(r.err()).contains("HTTP 503");
  }

  @Test
  void watchStopsOnAnErrorTheUserMustFix() {
    // A URL of nothing (404 everywhere) is bad config: retrying it unchanged cannot help.
    sourcesAt("/nothing");
    CliRunner.Result r = cli("watch", "--interval", "1s", "--count", "3");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(r.err()).doesNotContain("will retry");
    assertThat(r.err().lines().filter(l -> l.startsWith("error: ")).toList())
        .singleElement()
        .asString()
        .contains("no version source could be read");
  }

  @Test
  void runEndsANetworkFaultAndAUserErrorAlikeInOneLine() {
    up.server.stubFor(get(urlMatching("/down/.*")).willReturn(aResponse().withStatus(503)));
    for (String path : new String[] {"/down", "/nothing"}) {
      sourcesAt(path);
      CliRunner.Result r = cli("run");
      assertThat(r.exitCode()).as(path).isEqualTo(ExitCodes.ERROR);
      assertThat(r.err().lines().filter(l -> !l.startsWith("warning: ")).toList())
          .as(path)
          .singleElement()
          .asString()
          .startsWith("error: no version source could be read");
    }
  }

  @Test
  void watchStopsCleanlyWhenAskedWhileWaiting() throws Exception {
    // Pinned at the newest version, so the cycle succeeds (a cycle's user error would end watch).
    Files.writeString(
        repo.resolve("pyproject.toml"),
        "[project]\nname = \"x\"\ndependencies = [\"nautilus_trader==1.221.0\"]\n");
    WatchCommand w = new WatchCommand();
    Thread stopper =
        new Thread(
            () -> {
              try {
                Thread.sleep(300);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              w.stop();
            });
    java.io.StringWriter out = new java.io.StringWriter();
    w.root =
        new RootCommand(
            new CliContext(
                new java.io.PrintWriter(out, true),
                new java.io.PrintWriter(new java.io.StringWriter(), true),
                env,
                repo,
                false));
    w.interval = "1h";
    w.channel = new ChannelOption();
    w.count = 0;
    w.update = new UpdateFlags();
    stopper.start();
    long t0 = System.nanoTime();
    assertThat(w.call()).isZero();
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMinutes(1));
    assertThat(out.toString()).contains("stopped");
  }

  @Test
  void badArgumentsAreOneLineErrors() {
    assertThat(cli("watch", "--interval", "soon").err())
        .contains("--interval 'soon': expected a positive duration");
    assertThat(cli("detect", "--channel", "beta").err()).contains("unknown channel 'beta'");
    assertThat(nautilus.autoupdate.cycle.WatchLoop.parseInterval("90s"))
        .isEqualTo(Duration.ofSeconds(90));
    assertThat(nautilus.autoupdate.cycle.WatchLoop.parseInterval("2h"))
        .isEqualTo(Duration.ofHours(2));
    assertThat(nautilus.autoupdate.cycle.WatchLoop.parseInterval("1d"))
        .isEqualTo(Duration.ofDays(1));
    assertThat(nautilus.autoupdate.cycle.WatchLoop.parseInterval("15m"))
        .isEqualTo(Duration.ofMinutes(15));
    assertThatThrownBy(() -> nautilus.autoupdate.cycle.WatchLoop.parseInterval("0m"))
        .isInstanceOf(UserError.class);
  }

  @Test
  void aCorruptStateDatabaseIsReportedNotRecreated() throws Exception {
    Files.createDirectories(repo.resolve(".state"));
    Files.writeString(repo.resolve(".state/state.db"), "garbage ".repeat(500));
    CliRunner.Result r = cli("run");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(r.err()).contains("state.db").contains("move it aside");
    assertThat(Files.readString(repo.resolve(".state/state.db"))).startsWith("garbage");
  }
}

package nautilus.autoupdate.cli;

import static nautilus.autoupdate.GitRepos.git;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import nautilus.autoupdate.CliRunner;
import nautilus.autoupdate.GitRepos;
import nautilus.autoupdate.Json;
import nautilus.autoupdate.detect.FakeUpstream;
import nautilus.autoupdate.github.GitHubStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} as a new user of the demo meets it: pinned to 1.220.0 with {@code requires-python =
 * ">=3.11"}, while 1.222.0 drops Python 3.11 (a fake index and GitHub on loopback, the real check).
 * The newest is blocked, so the run updates to 1.221.0, the newest version that is not, and says
 * what blocks the rest and the change that lifts it.
 */
class SteppingStoneTest {
  @TempDir Path tmp;
  FakeUpstream up;
  GitRepos repos;

  @BeforeEach
  void start() {
    up = new FakeUpstream();
    up.publishStable("1.220.0", Instant.now().minus(Duration.ofDays(60)));
    up.publishStable("1.221.0", Instant.now().minus(Duration.ofDays(40)));
    up.publishStable("1.222.0", Instant.now().minus(Duration.ofDays(20)));
    up.breakingChanges("1.222.0", "Dropped support for Python 3.11");
    GitHubStub.pullsFor(up.server, "/api", "update/v1.221.0");
    repos =
        GitRepos.create(
            tmp.resolve("git"),
            "[project]\nname = \"demo-strategy\"\nrequires-python = \">=3.11\"\n"
                + "dependencies = [\"nautilus_trader==1.220.0\"]\n");
  }

  @AfterEach
  void stop() {
    up.close();
  }

  Map<String, String> env() {
    Map<String, String> e = new LinkedHashMap<>(up.env(tmp.resolve("state"), "stable"));
    e.put("GITHUB_TOKEN", "test-token");
    e.put("NAUTILUS_AUTOUPDATE_API_DIFF", "false");
    return e;
  }

  JsonNode status() throws Exception {
    CliRunner.Result r = CliRunner.run(repos.user, env(), "status", "--format", "json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    return Json.mapper().readTree(r.out());
  }

  static JsonNode row(JsonNode status, String version) {
    for (JsonNode n : status) {
      if (n.path("version").asText().equals(version)) {
        return n;
      }
    }
    throw new AssertionError(version + " not in " + status);
  }

  @Test
  void aBlockedNewestVersionIsSteppedBackFromToTheNewestThatIsNot() throws Exception {
    CliRunner.Result dry = CliRunner.run(repos.user, env(), "run", "--skip-tests", "--dry-run");
    assertThat(dry.exitCode()).as(dry.out() + dry.err()).isZero();
    assertThat(dry.out())
        .contains("1.222.0: recommendation blocked")
        .contains("stepping stone: 1.221.0")
        .contains("create branch update/v1.221.0");
    assertThat(repos.remoteBranches()).containsExactly("main");

    CliRunner.Result r = CliRunner.run(repos.user, env(), "run", "--skip-tests");
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(r.out())
        .contains("1.222.0: recommendation blocked")
        .contains(
            "1.222.0: blocked from 1.222.0 on: Python 3.11 no longer supported: your"
                + " requires-python says >=3.11 (to unblock: raise requires-python to >=3.12)")
        .contains("stepping stone: 1.221.0 is the newest version that is not blocked by this")
        .contains("1.221.0: updated https://github.com/acme/strategies/pull/7");
    assertThat(repos.remoteBranches()).containsExactlyInAnyOrder("main", "update/v1.221.0");
    assertThat(git(repos.remote, "show", "update/v1.221.0:pyproject.toml"))
        .contains("nautilus_trader==1.221.0");

    JsonNode status = status();
    JsonNode blocked = row(status, "1.222.0");
    assertThat(blocked.path("state").asText()).isEqualTo("needs-person");
    assertThat(blocked.path("recommendation").asText()).isEqualTo("blocked");
    assertThat(row(status, "1.221.0").path("branch").asText()).isEqualTo("update/v1.221.0");
    assertThat(up.pullRequestsCreated()).isEqualTo(1);

    // A rerun converges: nothing new is created, and the block is still explained.
    CliRunner.Result again = CliRunner.run(repos.user, env(), "run", "--skip-tests");
    assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
    assertThat(again.out())
        .contains("1.222.0 was handled before (needs-person)")
        .contains("to unblock: raise requires-python to >=3.12")
        .contains("1.221.0 was handled before");
    assertThat(up.pullRequestsCreated()).isEqualTo(1);
    assertThat(Files.exists(repos.user.resolve(".nautilus-autoupdate"))).isFalse();
  }

  /**
   * The demo itself, at 1.220.0 with its bundled RELEASES.md (1.222.0 really drops Python 3.11) and
   * the fake index listing up to 1.222.0: the run proposes 1.221.0.
   */
  @Test
  void theDemoAt1220IsProposed1221WhenTheNewestIsBlocked() throws Exception {
    up.close();
    up = new FakeUpstream();
    up.publishStable("1.220.0", Instant.now().minus(Duration.ofDays(60)));
    up.publishStable("1.221.0", Instant.now().minus(Duration.ofDays(40)));
    up.publishStable("1.222.0", Instant.now().minus(Duration.ofDays(20)));
    GitHubStub.pullsFor(up.server, "/api", "update/v1.221.0");
    Path demoDir = tmp.resolve("demo");
    // The demo reads ../RELEASES.md: the copy sits beside the clone as examples/ has it.
    Files.createDirectories(demoDir);
    Files.copy(
        nautilus.autoupdate.Examples.DIR.resolve("RELEASES.md"), demoDir.resolve("RELEASES.md"));
    repos = GitRepos.fromTree(demoDir, nautilus.autoupdate.Examples.DIR.resolve("demo-strategy"));
    CliRunner.Result r = CliRunner.run(repos.user, env(), "run", "--skip-tests");
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(r.out())
        .contains("1.222.0: recommendation blocked")
        .contains("(to unblock: raise requires-python to >=3.12)")
        .contains("stepping stone: 1.221.0")
        // Without an API diff (api_diff off here) the verdict is capped at delayed.
        .contains("1.221.0: recommendation delayed")
        .contains("opened https://github.com/acme/strategies/pull/7");
    assertThat(git(repos.remote, "show", "update/v1.221.0:pyproject.toml"))
        .contains("nautilus_trader==1.221.0")
        .contains("requires-python = \">=3.11\"");
  }

  @Test
  void withNothingBelowTheBlockTheRunSaysSoAndChangesNothing() throws Exception {
    up.breakingChanges("1.221.0", "Dropped support for Python 3.11");
    CliRunner.Result r = CliRunner.run(repos.user, env(), "run", "--skip-tests");
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(r.out())
        .contains("blocked from 1.221.0 on")
        .contains(
            "no stable version between 1.220.0 and 1.221.0 is free of it: nothing to update to"
                + " until it is lifted");
    assertThat(repos.remoteBranches()).containsExactly("main");
    assertThat(up.pullRequestsCreated()).isZero();
  }
}

package nautilus.autoupdate.update;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static nautilus.autoupdate.GitRepos.git;
import static nautilus.autoupdate.GitRepos.write;
import static nautilus.autoupdate.github.GitHubStub.REPO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import nautilus.autoupdate.CommandRunner;
import nautilus.autoupdate.GitRepos;
import nautilus.autoupdate.PythonVenv;
import nautilus.autoupdate.UserError;
import nautilus.autoupdate.config.AutoUpdateConfig;
import nautilus.autoupdate.git.Git;
import nautilus.autoupdate.git.Worktrees;
import nautilus.autoupdate.github.GitHubClient;
import nautilus.autoupdate.github.GitHubRepo;
import nautilus.autoupdate.github.GitHubStub;
import nautilus.autoupdate.github.PullRequests;
import nautilus.autoupdate.impact.ImpactReport;
import nautilus.autoupdate.impact.TestReport;
import nautilus.autoupdate.verify.BaselineCache;
import nautilus.autoupdate.verify.ExistingEnvironment;
import nautilus.autoupdate.verify.TestRunner;
import nautilus.autoupdate.verify.TestStatus;
import nautilus.autoupdate.version.Version;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class UpdaterTest {
  @RegisterExtension
  static WireMockExtension gh =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  static final String BRANCH = "update/v1.221.0";
  static final Version V = Version.parse("1.221.0");
  static final String PYPROJECT =
      "[project]\nname = \"strategies\"\ndependencies = [\n  \"nautilus_trader==1.220.0\",\n]\n";
  static Path python;

  @TempDir Path dir;
  GitRepos repos;
  final List<String> log = new ArrayList<>();

  @BeforeAll
  static void venv() throws Exception {
    python = PythonVenv.withPytest();
  }

  @BeforeEach
  void setUp() {
    repos = GitRepos.create(dir, PYPROJECT);
    Path seed = dir.resolve("seed");
    write(
        seed.resolve("tests/test_pin.py"),
        "def test_pinned():\n    assert '1.220.0' in open('pyproject.toml').read()\n"
            + "def test_old_bug():\n    assert False\n"
            + "def test_fine():\n    pass\n");
    git(seed, "add", "-A");
    git(seed, "commit", "-qm", "tests");
    git(seed, "push", "-q", "origin", "main");
    git(repos.user, "pull", "-q");
    GitHubStub.pullsFor(gh, BRANCH);
  }

  /** The pin edit as the deps stage makes it: only the version text changes. */
  static final class PinStep implements WorkspaceStep {
    @Override
    public String name() {
      return "pin";
    }

    @Override
    public List<String> preview(Path checkout) {
      String before = read(checkout.resolve("pyproject.toml"));
      return Diffs.unified("pyproject.toml", before, before.replace("1.220.0", "1.221.0"));
    }

    @Override
    public List<String> apply(Path checkout) {
      Path f = checkout.resolve("pyproject.toml");
      String before = read(f);
      if (!before.contains("1.220.0")) {
        return List.of();
      }
      write(f, before.replace("1.220.0", "1.221.0"));
      return List.of("pyproject.toml");
    }

    private static String read(Path f) {
      try {
        return Files.readString(f);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  AutoUpdateConfig config() {
    return AutoUpdateConfig.defaults()
        .with("test_command", python + " -m pytest")
        .with("test_timeout_seconds", 120)
        .with("dry_run", false)
        .with("skip_tests", false)
        .with("github_api_url", gh.baseUrl())
        .with("http_timeout_seconds", 5)
        .with("git_author_name", null)
        .with("git_author_email", null);
  }

  Updater updater(Updater.StepHook hook) {
    Git git = new Git(repos.user);
    return new Updater(
        config(),
        git,
        new Worktrees(git, dir.resolve("worktrees")),
        new TestRunner(new CommandRunner(), new ExistingEnvironment(), Duration.ofMinutes(2)),
        new BaselineCache(dir.resolve("state/baselines")),
        List.of(new PinStep()),
        new PullRequests(
            GitHubClient.create(URI.create(gh.baseUrl()), "t", Duration.ofSeconds(5)),
            new GitHubRepo("acme", "strategies")),
        log::add,
        hook,
        Clock.systemUTC());
  }

  static ImpactReport report() {
    return TestReport.of(V, Version.parse("1.220.0")).build();
  }

  static Updater.Request request(boolean tests) {
    return new Updater.Request(
        V, report(), "- Renamed `Foo` to `Bar` @someone", false, true, tests);
  }

  private void assertConverged(String userHash) {
    assertThat(repos.remoteBranches()).containsExactlyInAnyOrder("main", BRANCH);
    assertThat(git(repos.remote, "rev-list", "--count", "main.." + BRANCH)).isEqualTo("1");
    assertThat(git(repos.remote, "show", BRANCH + ":pyproject.toml")).contains("==1.221.0");
    assertThat(git(repos.user, "branch", "--list", "update/*").strip()).isIn("", BRANCH);
    assertThat(git(repos.user, "worktree", "list").lines()).hasSize(1);
    assertThat(repos.userCheckoutHash()).isEqualTo(userHash);
    gh.verify(1, postRequestedFor(urlEqualTo(REPO + "/pulls")));
  }

  @Test
  void updateMakesOneBranchOneCommitOnePrAndASecondRunChangesNothing() {
    write(repos.user.resolve("notes.txt"), "uncommitted work\n");
    write(repos.user.resolve("README.md"), "edited, not staged\n");
    String userHash = repos.userCheckoutHash();

    UpdateResult r = updater(s -> {}).run(request(true));

    assertThat(r.branchName()).isEqualTo(BRANCH);
    assertThat(r.prUrl()).isEqualTo("https://github.com/acme/strategies/pull/7");
    assertThat(r.testResult().status()).isEqualTo(TestStatus.FAILED);
    assertThat(r.testResult().newFailures()).containsExactly("tests.test_pin::test_pinned");
    assertThat(r.testResult().existingFailures()).containsExactly("tests.test_pin::test_old_bug");
    assertThat(r.success()).isFalse();
    assertThat(r.errorMessage()).contains("tests.test_pin::test_pinned");
    assertThat(git(repos.remote, "log", "-1", "--format=%s%n%b", BRANCH))
        .startsWith("chore(deps): update nautilus_trader to 1.221.0")
        .contains("confidence 90 (very_high)")
        .contains("1 new");
    assertThat(git(repos.remote, "diff", "--stat", "main", BRANCH))
        .contains("pyproject.toml")
        .contains("1 file changed");
    gh.verify(
        postRequestedFor(urlEqualTo(REPO + "/pulls"))
            .withRequestBody(matchingJsonPath("$.draft", equalTo("true")))
            .withRequestBody(
                matchingJsonPath("$.title", equalTo("Update nautilus_trader to 1.221.0"))));
    gh.verify(
        postRequestedFor(urlEqualTo(REPO + "/issues/7/labels"))
            .withRequestBody(matchingJsonPath("$.labels[1]", equalTo("confidence:very_high"))));
    gh.verify(postRequestedFor(urlEqualTo(REPO + "/issues/3/comments")));
    assertConverged(userHash);
    String sha = git(repos.remote, "rev-parse", BRANCH);

    // As from a fresh clone: the branch exists only on the remote.
    git(repos.user, "update-ref", "-d", "refs/heads/" + BRANCH);
    log.clear();
    UpdateResult again = updater(s -> {}).run(request(true));
    assertThat(again.prUrl()).isEqualTo(r.prUrl());
    assertThat(git(repos.remote, "rev-parse", BRANCH)).isEqualTo(sha);
    assertThat(log).anyMatch(l -> l.contains("base tests: cached"));
    assertThat(log).anyMatch(l -> l.contains("nothing new to commit"));
    assertConverged(userHash);
  }

  @Test
  void killedAtAnyStepTheNextRunConvergesOnOneBranchAndOnePr() {
    String userHash = repos.userCheckoutHash();
    for (Updater.Step step : Updater.Step.values()) {
      gh.resetAll();
      GitHubStub.pullsFor(gh, BRANCH);
      git(repos.remote, "update-ref", "-d", "refs/heads/" + BRANCH);
      git(repos.user, "fetch", "-q", "--prune");
      git(repos.user, "update-ref", "-d", "refs/heads/" + BRANCH);

      Updater dying =
          updater(
              s -> {
                if (s == step) {
                  throw new IllegalStateException("killed at " + s);
                }
              });
      assertThatThrownBy(() -> dying.run(request(false))).hasMessage("killed at " + step);
      assertThat(git(repos.user, "worktree", "list").lines())
          .as("after kill at %s", step)
          .hasSize(1);

      UpdateResult r = updater(s -> {}).run(request(false));
      assertThat(r.success()).isTrue();
      assertThat(r.testResult().status()).isEqualTo(TestStatus.SKIPPED);
      assertConverged(userHash);
    }
  }

  @Test
  void aFailingPreCommitHookStopsTheUpdateAndLeavesNothingBehind() throws Exception {
    Path hook = repos.user.resolve(".git/hooks/pre-commit");
    write(hook, "#!/bin/sh\necho 'check-toml: bad pin' >&2\nexit 1\n");
    hook.toFile().setExecutable(true);
    assertThatThrownBy(() -> updater(s -> {}).run(request(false)))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("check-toml: bad pin");
    assertThat(repos.remoteBranches()).containsExactly("main");
    assertThat(git(repos.user, "worktree", "list").lines()).hasSize(1);
    gh.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void previewChangesNothingAnywhere() {
    String userHash = repos.userCheckoutHash();
    String refs = git(repos.user, "for-each-ref") + git(repos.remote, "for-each-ref");
    List<String> lines = updater(s -> {}).preview(request(true), repos.user);
    assertThat(lines)
        .anyMatch(l -> l.contains("git fetch"))
        .anyMatch(l -> l.contains("create branch " + BRANCH))
        .anyMatch(l -> l.contains("-  \"nautilus_trader==1.220.0\","))
        .anyMatch(l -> l.contains("+  \"nautilus_trader==1.221.0\","))
        .anyMatch(l -> l.contains("-m pytest --junitxml="))
        .anyMatch(l -> l.contains("git push --force-with-lease"))
        .anyMatch(l -> l.contains("POST pulls"));
    assertThat(repos.userCheckoutHash()).isEqualTo(userHash);
    assertThat(git(repos.user, "for-each-ref") + git(repos.remote, "for-each-ref")).isEqualTo(refs);
    assertThat(dir.resolve("worktrees")).doesNotExist();
    assertThat(dir.resolve("state")).doesNotExist();
    gh.verify(0, anyRequestedFor(anyUrl()));
  }
}

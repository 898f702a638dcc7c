package nautilus.autoupdate.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static nautilus.autoupdate.GitRepos.git;
import static nautilus.autoupdate.github.GitHubStub.REPO;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import nautilus.autoupdate.CliRunner;
import nautilus.autoupdate.Examples;
import nautilus.autoupdate.GitRepos;
import nautilus.autoupdate.Json;
import nautilus.autoupdate.TestModels;
import nautilus.autoupdate.git.Git;
import nautilus.autoupdate.git.Worktrees;
import nautilus.autoupdate.github.GitHubStub;
import nautilus.autoupdate.update.PauseHook;
import nautilus.autoupdate.update.Updater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code update} as a real child JVM, killed with SIGKILL (no shutdown hook runs) while it waits
 * before each step in turn; a rerun then converges: one branch with the pin and the fix commits,
 * one PR, the user's checkout untouched and no worktree left behind.
 */
class UpdateKillTest {
  @RegisterExtension
  static WireMockExtension gh =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  static final String BRANCH = "update/v1.221.0";

  @TempDir Path tmp;

  Map<String, String> env() throws java.io.IOException {
    Files.createDirectories(tmp.resolve("tmp"));
    // Fixes are proven on the small 1.221.0 tree's model, never on one fetched from PyPI.
    Map<String, String> env =
        new java.util.HashMap<>(TestModels.envWithModel(tmp.resolve("cache"), "1.221.0"));
    env.put("GITHUB_TOKEN", "test-token");
    env.put("NAUTILUS_AUTOUPDATE_GITHUB_API_URL", gh.baseUrl());
    // TMPDIR is set so the killed child JVM and the in-process rerun place worktrees alike.
    env.put("TMPDIR", tmp.resolve("tmp").toString());
    return env;
  }

  static String[] args() {
    return Examples.updateArgs("1.221.0", "--skip-tests");
  }

  /** A clone whose code imports the subpackage 1.221.0 removed, so the update has two commits. */
  GitRepos repos(Path dir) {
    GitRepos repos =
        GitRepos.create(
            dir, "[project]\nname = \"s\"\ndependencies = [\"nautilus_trader==1.220.0\"]\n");
    repos.pushFile(
        "strategies/stats.py",
        "from nautilus_trader.analysis.statistics.win_rate import WinRate\n");
    return repos;
  }

  /** Starts update in a child JVM, waits until it pauses before {@code step}, kills it hard. */
  void killBefore(Updater.Step step, Path repo) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-D" + PauseHook.PROPERTY + "=" + step.name());
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
    cmd.addAll(List.of(args()));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(repo.toFile()).redirectErrorStream(true);
    pb.environment().putAll(env());
    Process p = pb.start();
    List<String> seen = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null && !line.contains(PauseHook.PAUSED + step)) {
        seen.add(line);
      }
      assertThat(line).as("never paused before %s: %s", step, seen).isNotNull();
      p.destroyForcibly();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void killedBeforeEachStepTheRerunConvergesOnOneBranchAndOnePr() throws Exception {
    for (Updater.Step step : Updater.Step.values()) {
      gh.resetAll();
      GitHubStub.pullsFor(gh, BRANCH);
      GitRepos repos = repos(tmp.resolve(step.name()));
      String userHash = repos.userCheckoutHash();

      killBefore(step, repos.user);
      var rerun = CliRunner.run(repos.user, env(), args());

      assertThat(rerun.exitCode()).as("after a kill before %s: %s", step, rerun.err()).isZero();
      assertThat(repos.remoteBranches())
          .as("after %s", step)
          .containsExactlyInAnyOrder("main", BRANCH);
      assertThat(git(repos.remote, "log", "--format=%s", "main.." + BRANCH).lines())
          .as("after %s", step)
          .containsExactly(
              "fix: adapt to nautilus_trader 1.221.0",
              "chore(deps): update nautilus_trader to 1.221.0");
      gh.verify(1, postRequestedFor(urlEqualTo(REPO + "/pulls")));
      // The fixes are listed even when an earlier, killed run already committed them.
      String body =
          Json.mapper()
              .readTree(
                  gh.findAll(postRequestedFor(urlEqualTo(REPO + "/pulls")))
                      .get(0)
                      .getBodyAsString())
              .path("body")
              .asText();
      assertThat(body)
          .as("PR body after %s", step)
          .contains("1 site(s) fixed in 1 file(s)")
          .contains("`strategies/stats.py:1`");
      assertThat(repos.userCheckoutHash()).as("after %s", step).isEqualTo(userHash);
      assertThat(git(repos.user, "worktree", "list").lines()).as("after %s", step).hasSize(1);
      Path root = Worktrees.defaultRoot(new Git(repos.user), env());
      if (Files.exists(root)) {
        try (Stream<Path> left = Files.list(root)) {
          assertThat(left.toList()).as("worktree folders after %s", step).isEmpty();
        }
      }
    }
  }
}

package nautilus.autoupdate.git;

import static nautilus.autoupdate.GitRepos.git;
import static nautilus.autoupdate.GitRepos.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nautilus.autoupdate.GitRepos;
import nautilus.autoupdate.UserError;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorktreesTest {
  @TempDir Path dir;
  GitRepos repos;
  Git git;
  Worktrees worktrees;

  @BeforeEach
  void setUp() {
    repos = GitRepos.create(dir, "[project]\nname = \"demo\"\n");
    git = new Git(repos.user);
    worktrees = new Worktrees(git, dir.resolve("wts"));
  }

  private String fetchBase() {
    worktrees.fetch("origin");
    return worktrees.remoteCommit("origin", worktrees.baseBranch("origin", null));
  }

  @Test
  void updateBranchIsBuiltInAWorktreeWithoutTouchingADirtyUserCheckout() throws Exception {
    write(repos.user.resolve("README.md"), "local edit\n");
    write(repos.user.resolve("scratch.txt"), "untracked\n");
    git(repos.user, "add", "README.md");
    String before = repos.userCheckoutHash();

    String base = fetchBase();
    Path wtDir;
    try (Worktree wt = worktrees.checkout("update/v1.2.0", "origin", base)) {
      wtDir = wt.dir();
      assertThat(wtDir).startsWith(dir.resolve("wts"));
      assertThat(Files.readString(wtDir.resolve("README.md"))).isEqualTo("demo\n");
      write(wtDir.resolve("pyproject.toml"), "[project]\nname = \"demo2\"\n");
      write(wtDir.resolve("junk.log"), "not to be committed\n");
      assertThat(wt.commit(List.of("pyproject.toml"), "chore(deps): x", "body", null)).isTrue();
      assertThat(wt.push("origin", "update/v")).isTrue();
      assertThat(wt.push("origin", "update/v")).as("second push: remote current").isFalse();
    }
    assertThat(wtDir).doesNotExist();
    assertThat(worktrees.ours()).isEmpty();
    assertThat(repos.userCheckoutHash()).isEqualTo(before);
    assertThat(repos.remoteBranches()).containsExactlyInAnyOrder("main", "update/v1.2.0");
    assertThat(git(repos.remote, "show", "--name-only", "--format=%an|%s", "update/v1.2.0"))
        .contains("Dev|chore(deps): x")
        .contains("pyproject.toml")
        .doesNotContain("junk.log");
  }

  @Test
  void configuredBotIdentityAuthorsTheCommit() {
    try (Worktree wt = worktrees.checkout("update/v1.2.0", "origin", fetchBase())) {
      write(wt.dir().resolve("a.txt"), "a\n");
      wt.commit(List.of("a.txt"), "s", "", Identity.of("Bot", "bot@example.com"));
      assertThat(git(wt.dir(), "log", "-1", "--format=%an <%ae>"))
          .isEqualTo("Bot <bot@example.com>");
    }
  }

  @Test
  void nothingToCommitIsReportedNotAnError() {
    try (Worktree wt = worktrees.checkout("update/v1.2.0", "origin", fetchBase())) {
      assertThat(wt.commit(List.of("README.md"), "s", "b", null)).isFalse();
      assertThat(wt.commit(List.of(), "s", "b", null)).isFalse();
    }
  }

  @Test
  void failingPreCommitHookStopsTheCommitWithItsMessage() throws Exception {
    Path hook = repos.user.resolve(".git/hooks/pre-commit");
    write(hook, "#!/bin/sh\necho 'ruff: lint failed' >&2\nexit 1\n");
    hook.toFile().setExecutable(true);
    try (Worktree wt = worktrees.checkout("update/v1.2.0", "origin", fetchBase())) {
      write(wt.dir().resolve("a.txt"), "a\n");
      assertThatThrownBy(() -> wt.commit(List.of("a.txt"), "s", "", null))
          .isInstanceOf(UserError.class)
          .hasMessageContaining("hook")
          .hasMessageContaining("ruff: lint failed");
    }
    assertThat(worktrees.ours()).isEmpty();
  }

  /** Someone else moves the remote's main on meanwhile. */
  private void upstreamCommits(String file, String text) {
    Path other = dir.resolve("other-" + System.nanoTime());
    git(dir, "clone", "--quiet", repos.remote.toString(), other.toString());
    write(other.resolve(file), text);
    git(other, "add", file);
    git(other, "-c", "user.name=O", "-c", "user.email=o@x", "commit", "--quiet", "-m", "moves");
    git(other, "push", "--quiet", "origin", "main");
  }

  @Test
  void staleBranchFromAnEarlierRunIsReusedAndRebasedOntoTheNewBase() {
    String base1 = fetchBase();
    try (Worktree wt = worktrees.checkout("update/v1.2.0", "origin", base1)) {
      write(wt.dir().resolve("pin.txt"), "1.2.0\n");
      wt.commit(List.of("pin.txt"), "chore(deps): update", "", null);
    }
    upstreamCommits("new.txt", "new\n");

    String base2 = fetchBase();
    assertThat(base2).isNotEqualTo(base1);
    try (Worktree wt = worktrees.checkout("update/v1.2.0", "origin", base2)) {
      assertThat(wt.dir().resolve("pin.txt")).exists();
      assertThat(wt.dir().resolve("new.txt")).exists();
      assertThat(git(wt.dir(), "rev-list", "--count", base2 + "..HEAD")).isEqualTo("1");
    }
    assertThat(git(repos.user, "branch", "--list", "update/*")).isEqualTo("update/v1.2.0");
  }

  @Test
  void aReviewersCommitOnThePushedBranchIsKept() {
    String base = fetchBase();
    try (Worktree wt = worktrees.checkout("update/v1.2.0", "origin", base)) {
      write(wt.dir().resolve("pin.txt"), "1.2.0\n");
      wt.commit(List.of("pin.txt"), "chore(deps): update", "", null);
      wt.push("origin", "update/v");
    }
    Path other = dir.resolve("reviewer");
    git(dir, "clone", "--quiet", "-b", "update/v1.2.0", repos.remote.toString(), other.toString());
    write(other.resolve("fix.py"), "fixed\n");
    git(other, "add", "fix.py");
    git(other, "-c", "user.name=R", "-c", "user.email=r@x", "commit", "--quiet", "-m", "fix");
    git(other, "push", "--quiet", "origin", "update/v1.2.0");

    try (Worktree wt = worktrees.checkout("update/v1.2.0", "origin", fetchBase())) {
      assertThat(wt.dir().resolve("fix.py")).exists();
      assertThat(wt.push("origin", "update/v")).isFalse();
    }
  }

  @Test
  void conflictingStaleBranchIsResetToTheBase() {
    String base1 = fetchBase();
    try (Worktree wt = worktrees.checkout("update/v1.2.0", "origin", base1)) {
      write(wt.dir().resolve("README.md"), "ours\n");
      wt.commit(List.of("README.md"), "ours", "", null);
    }
    upstreamCommits("README.md", "theirs\n");
    String base2 = fetchBase();
    try (Worktree wt = worktrees.checkout("update/v1.2.0", "origin", base2)) {
      assertThat(wt.head()).isEqualTo(base2);
    }
  }

  @Test
  void worktreesLeftByAKilledRunArePrunedOnTheNextRun() throws Exception {
    Path stale = dir.resolve("wts/update-stale");
    git(repos.user, "worktree", "add", "--quiet", stale.toString(), "-b", "update/v0.9.0");
    write(stale.resolve("half-done.txt"), "x");
    assertThat(worktrees.ours()).hasSize(1);
    assertThat(worktrees.pruneStale()).isEqualTo(1);
    assertThat(stale).doesNotExist();
    assertThat(git(repos.user, "worktree", "list")).doesNotContain("update-stale");
  }

  @Test
  void aWorktreeWhoseOwnerStillRunsIsNotPrunedOneWhoseOwnerIsGoneIs() throws Exception {
    try (Worktree live = worktrees.detached(fetchBase())) {
      assertThat(Worktrees.ownerFile(live.dir())).exists();
      assertThat(Files.readString(Worktrees.ownerFile(live.dir())))
          .contains("pid=" + ProcessHandle.current().pid());
      // A second worktree whose owner was a process that has exited since.
      Path dead = dir.resolve("wts/update-dead");
      git(repos.user, "worktree", "add", "--quiet", dead.toString(), "--detach", "HEAD");
      Process gone = new ProcessBuilder("true").start();
      gone.waitFor();
      Files.writeString(
          Worktrees.ownerFile(dead),
          new nautilus.autoupdate.ProcessStamp(
                  "update", gone.pid(), gone.info().startInstant().orElse(java.time.Instant.now()))
              .format());

      assertThat(worktrees.pruneStale()).isEqualTo(1);

      assertThat(dead).doesNotExist();
      assertThat(Worktrees.ownerFile(dead)).doesNotExist();
      assertThat(live.dir()).isDirectory();
      assertThat(worktrees.ours()).containsExactly(live.dir().toAbsolutePath().normalize());
    }
    assertThat(worktrees.ours()).isEmpty();
    try (var left = Files.list(dir.resolve("wts"))) {
      assertThat(left.toList()).as("owner files are removed with their worktree").isEmpty();
    }
  }

  @Test
  void defaultBranchComesFromTheRemoteWhenNotConfigured() {
    assertThat(worktrees.baseBranch("origin", "develop")).isEqualTo("develop");
    assertThat(worktrees.baseBranch("origin", null)).isEqualTo("main");
    git(repos.user, "remote", "set-head", "origin", "--delete");
    assertThat(worktrees.baseBranch("origin", "")).as("via ls-remote").isEqualTo("main");
    assertThatThrownBy(() -> worktrees.baseBranch("origin", null, false))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("set base_branch");
  }

  /**
   * A repository made with {@code git init} and pushed: the bare remote's HEAD names a branch it
   * never got (dangling), and the clone has no origin/HEAD.
   */
  @Test
  void aDanglingRemoteHeadFallsBackToTheCheckoutsBranchAndSaysSo() {
    git(repos.remote, "symbolic-ref", "HEAD", "refs/heads/master");
    git(repos.user, "remote", "set-head", "origin", "--delete");
    assertThat(git(repos.user, "ls-remote", "--symref", "origin", "HEAD")).isEmpty();
    List<String> notes = new java.util.ArrayList<>();
    assertThat(worktrees.baseBranch("origin", null, true, notes::add)).isEqualTo("main");
    assertThat(notes)
        .singleElement()
        .asString()
        .contains("remote 'origin' names no default branch")
        .contains("using main, the branch this checkout is on")
        .doesNotContain("\n");
    assertThat(worktrees.remoteCommit("origin", "main")).isNotBlank();
  }

  @Test
  void aRemoteWhoseHeadIsNoSymrefAtAllFallsBackToo() {
    // A detached HEAD in the bare repository: ls-remote lists HEAD but names no branch.
    git(repos.remote, "update-ref", "--no-deref", "HEAD", git(repos.remote, "rev-parse", "main"));
    git(repos.user, "remote", "set-head", "origin", "--delete");
    List<String> notes = new java.util.ArrayList<>();
    assertThat(worktrees.baseBranch("origin", null, true, notes::add)).isEqualTo("main");
    assertThat(notes).hasSize(1);
  }

  @Test
  void withoutADefaultBranchAndWithACheckoutBranchTheRemoteLacksItIsAClearError() {
    git(repos.remote, "symbolic-ref", "HEAD", "refs/heads/master");
    git(repos.user, "remote", "set-head", "origin", "--delete");
    git(repos.user, "checkout", "-q", "-b", "local-only");
    assertThatThrownBy(() -> worktrees.baseBranch("origin", null, true, n -> {}))
        .isInstanceOf(UserError.class)
        .hasMessage(
            "cannot tell the default branch of remote 'origin' (its HEAD is missing or points at"
                + " a branch it does not have, and it has no branch local-only like this"
                + " checkout); set base_branch in the config");
    git(repos.user, "checkout", "-q", "--detach");
    assertThatThrownBy(() -> worktrees.baseBranch("origin", null))
        .hasMessageContaining("does not have); set base_branch");
  }

  @Test
  void anOriginHeadLeftDanglingByAPruneIsNotTrusted() {
    git(repos.user, "update-ref", "refs/remotes/origin/gone", "HEAD");
    git(repos.user, "symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/gone");
    git(repos.user, "update-ref", "-d", "refs/remotes/origin/gone");
    assertThat(worktrees.baseBranch("origin", null)).as("asks the remote").isEqualTo("main");
  }

  @Test
  void gitFailuresNameTheCommandAndGitsMessage() {
    assertThatThrownBy(() -> worktrees.remoteCommit("origin", "nope"))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("'nope'");
    assertThatThrownBy(() -> git.run("checkout", "does-not-exist"))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("git checkout")
        .hasMessageContaining("does-not-exist");
  }

  @Test
  void worktreesGoUnderTmpdirWhenItIsSet() {
    Path tmp = dir.resolve("my-tmp");
    assertThat(Worktrees.defaultRoot(git, java.util.Map.of("TMPDIR", tmp.toString())).toString())
        .startsWith(tmp.toString());
    assertThat(Worktrees.defaultRoot(git, java.util.Map.of()).toString())
        .startsWith(Path.of(System.getProperty("java.io.tmpdir")).toString());
    assertThat(Worktrees.defaultRoot(git, java.util.Map.of()).getParent().getFileName())
        .hasToString("nautilus-autoupdate-worktrees");
  }

  @Test
  void refusesToForcePushABranchThatIsNotTheTools() {
    String base = fetchBase();
    try (Worktree wt = worktrees.detached(base)) {
      assertThatThrownBy(() -> wt.push("origin", "update/v"))
          .isInstanceOf(IllegalStateException.class);
    }
  }
}

package nautilus.autoupdate.git;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nautilus.autoupdate.CommandResult;
import nautilus.autoupdate.Trees;
import nautilus.autoupdate.UserError;

/**
 * A temporary git worktree outside the user's checkout. Closing removes it; a shutdown hook removes
 * it when the JVM is interrupted (Ctrl-C, SIGTERM) before close; a hard kill leaves it for {@link
 * Worktrees#pruneStale} on the next run.
 */
public final class Worktree implements AutoCloseable {
  private final Git repo;
  private final Path dir;
  private final String branch;
  private final Thread cleanupOnExit;

  Worktree(Git repo, Path dir, String branch) {
    this.repo = repo;
    this.dir = dir;
    this.branch = branch;
    this.cleanupOnExit = new Thread(this::remove, "remove-worktree");
    Runtime.getRuntime().addShutdownHook(cleanupOnExit);
  }

  public Path dir() {
    return dir;
  }

  /** The branch checked out, or null for a detached worktree. */
  public String branch() {
    return branch;
  }

  public Git git() {
    return repo.in(dir);
  }

  public String head() {
    return git().run("rev-parse", "HEAD");
  }

  /**
   * Commits {@code paths} (only these: a venv or cache in the worktree must never be committed)
   * through the repository's hooks. The author is the configured bot identity when given, else the
   * repository's git config. Returns false when there was nothing to commit.
   */
  public boolean commit(List<String> paths, String subject, String body, Identity author) {
    Git g = git();
    if (paths.isEmpty()) {
      return false;
    }
    List<String> add = new ArrayList<>(List.of("add", "--"));
    add.addAll(paths);
    g.run(add);
    if (g.tryRun("diff", "--cached", "--quiet").ok()) {
      return false;
    }
    List<String> args = new ArrayList<>();
    if (author != null) {
      args.addAll(
          List.of("-c", "user.name=" + author.name(), "-c", "user.email=" + author.email()));
    }
    args.addAll(List.of("commit", "--quiet", "-m", subject));
    if (body != null && !body.isBlank()) {
      args.addAll(List.of("-m", body));
    }
    CommandResult r = g.tryRun(args);
    if (!r.ok()) {
      throw new UserError(
          "git commit failed on "
              + branch
              + " (a hook may have refused it; hooks are never skipped): "
              + r.lastLine());
    }
    return true;
  }

  /**
   * Pushes the branch with {@code --force-with-lease} against the commit last fetched, so a rebased
   * branch replaces the tool's own earlier push but never someone else's newer one. Refuses
   * branches outside {@code ownPrefix}. Returns false when the remote is already current.
   */
  public boolean push(String remote, String ownPrefix) {
    if (branch == null || !branch.startsWith(ownPrefix)) {
      throw new IllegalStateException("refusing to force-push '" + branch + "', not a tool branch");
    }
    String expected = repo.resolve("refs/remotes/" + remote + "/" + branch);
    String local = head();
    if (local.equals(expected)) {
      return false;
    }
    String ref = "refs/heads/" + branch;
    git()
        .run(
            "push",
            "--quiet",
            "--force-with-lease=" + ref + ":" + (expected == null ? "" : expected),
            remote,
            ref + ":" + ref);
    return true;
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(cleanupOnExit);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down; the hook does the removal.
    }
    remove();
  }

  private void remove() {
    repo.tryRun("worktree", "remove", "--force", dir.toString());
    Trees.delete(dir);
    Worktrees.deleteQuietly(Worktrees.ownerFile(dir));
    repo.tryRun("worktree", "prune");
  }
}

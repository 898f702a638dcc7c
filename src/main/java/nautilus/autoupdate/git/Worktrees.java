package nautilus.autoupdate.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import nautilus.autoupdate.AtomicFiles;
import nautilus.autoupdate.CommandResult;
import nautilus.autoupdate.ProcessStamp;
import nautilus.autoupdate.Trees;
import nautilus.autoupdate.UserError;
import nautilus.autoupdate.verify.Digests;

/**
 * Worktrees of one repository, all under one directory of their own (by default in the system temp
 * dir, keyed by the repository path) so that stale ones from a killed run can be found and removed,
 * and so that nothing is ever written inside the user's checkout.
 */
public final class Worktrees {
  private final Git repo;
  private final Path root;

  public Worktrees(Git repo, Path root) {
    this.repo = repo;
    this.root = root.toAbsolutePath().normalize();
  }

  /**
   * {@code $TMPDIR/nautilus-autoupdate-worktrees/<hash of the repository's git dir>}; without
   * {@code TMPDIR} in {@code env}, the JVM's temp dir ({@code java.io.tmpdir}, usually /tmp).
   */
  public static Path defaultRoot(Git repo, Map<String, String> env) {
    String gitDir = repo.run("rev-parse", "--path-format=absolute", "--git-common-dir");
    String tmp = env.get("TMPDIR");
    Path base =
        tmp != null && !tmp.isBlank()
            ? Path.of(tmp).toAbsolutePath()
            : Path.of(System.getProperty("java.io.tmpdir"));
    return base.resolve("nautilus-autoupdate-worktrees")
        .resolve(Digests.sha256(gitDir).substring(0, 16));
  }

  public Path root() {
    return root;
  }

  /** Paths of the worktrees registered under {@link #root} (ours, left by earlier runs). */
  public List<Path> ours() {
    List<Path> found = new ArrayList<>();
    for (String line : repo.run("worktree", "list", "--porcelain").split("\\R")) {
      if (line.startsWith("worktree ")) {
        Path p = Path.of(line.substring("worktree ".length())).toAbsolutePath().normalize();
        if (p.startsWith(root) || realPath(p).startsWith(realPath(root))) {
          found.add(p);
        }
      }
    }
    return found;
  }

  /**
   * Removes worktrees an interrupted run left behind; returns how many. A worktree whose owner (the
   * process that made it, recorded in {@link #ownerFile}) still runs is another command's live work
   * and is left alone.
   */
  public int pruneStale() {
    List<Path> stale = ours().stream().filter(p -> !ownedByALiveProcess(p)).toList();
    for (Path p : stale) {
      repo.tryRun("worktree", "remove", "--force", p.toString());
      Trees.delete(p);
      deleteQuietly(ownerFile(p));
    }
    repo.run("worktree", "prune");
    return stale.size();
  }

  /**
   * The file beside a worktree naming the process that made it (outside the worktree, so it can
   * never be committed or seen by the tests run there).
   */
  static Path ownerFile(Path worktree) {
    return worktree.resolveSibling(worktree.getFileName() + ".owner");
  }

  private static boolean ownedByALiveProcess(Path worktree) {
    try {
      String text = Files.readString(ownerFile(worktree));
      return ProcessStamp.parse(text).map(ProcessStamp::alive).orElse(false);
    } catch (IOException e) {
      return false; // no owner recorded: left by an older version or a run killed early
    }
  }

  static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // a leftover owner file of a removed worktree names a dead process: harmless
    }
  }

  /** Fetches the remote so base and branch refs are current (changes only remote-tracking refs). */
  public void fetch(String remote) {
    repo.run("fetch", "--prune", "--quiet", remote);
  }

  /** The configured base branch, else the remote's default branch (asking the remote if needed). */
  public String baseBranch(String remote, String configured) {
    return baseBranch(remote, configured, true);
  }

  /**
   * As {@link #baseBranch(String, String)}; with {@code mayAskRemote} false (offline) only what the
   * last fetch recorded is used.
   */
  public String baseBranch(String remote, String configured, boolean mayAskRemote) {
    return baseBranch(remote, configured, mayAskRemote, line -> {});
  }

  /**
   * As {@link #baseBranch(String, String, boolean)}. A remote whose HEAD is missing or points at a
   * branch it does not have (a repository made with {@code git init} and pushed) has no default
   * branch: then (online only, since offline the remote's HEAD is merely unknown) the branch this
   * checkout is on is used when the remote has it, and {@code note} is told so in one line.
   */
  public String baseBranch(
      String remote, String configured, boolean mayAskRemote, Consumer<String> note) {
    if (configured != null && !configured.isBlank()) {
      return configured;
    }
    CommandResult local =
        repo.tryRun("symbolic-ref", "--short", "refs/remotes/" + remote + "/HEAD");
    if (local.ok()
        && local.stdout().strip().startsWith(remote + "/")
        // origin/HEAD outlives the branch it named when a fetch --prune removed that branch.
        && repo.resolve("refs/remotes/" + local.stdout().strip()) != null) {
      return local.stdout().strip().substring(remote.length() + 1);
    }
    if (!mayAskRemote) {
      throw new UserError(
          "the default branch of remote '"
              + remote
              + "' is not known offline; set base_branch in the config");
    }
    // ls-remote shows the symref only when its target exists, so a dangling HEAD shows nothing.
    for (String line : repo.run("ls-remote", "--symref", remote, "HEAD").split("\\R")) {
      if (line.startsWith("ref: refs/heads/")) {
        return line.substring("ref: refs/heads/".length()).split("\\s")[0];
      }
    }
    CommandResult current = repo.tryRun("symbolic-ref", "--quiet", "--short", "HEAD");
    String branch = current.ok() ? current.stdout().strip() : "";
    if (!branch.isEmpty()
        && !repo.run("ls-remote", "--heads", remote, "refs/heads/" + branch).isBlank()) {
      note.accept(
          "remote '"
              + remote
              + "' names no default branch (its HEAD is missing or points at a branch it does not"
              + " have): using "
              + branch
              + ", the branch this checkout is on; set base_branch to choose another");
      return branch;
    }
    throw new UserError(
        "cannot tell the default branch of remote '"
            + remote
            + "' (its HEAD is missing or points at a branch it does not have"
            + (branch.isEmpty() ? "" : ", and it has no branch " + branch + " like this checkout")
            + "); set base_branch in the config");
  }

  /** The commit of {@code remote/branch} after a fetch; a UserError when it does not exist. */
  public String remoteCommit(String remote, String branch) {
    String sha = repo.resolve("refs/remotes/" + remote + "/" + branch);
    if (sha == null) {
      throw new UserError("branch '" + branch + "' not found on remote '" + remote + "'");
    }
    return sha;
  }

  /**
   * A worktree on {@code branch}: reused when it exists locally or on the remote (from an earlier
   * run), else created; in both cases brought onto {@code baseCommit}. A rebase that conflicts is
   * aborted and the branch reset to the base: the branch belongs to the tool, which rewrites its
   * content anyway.
   */
  public Worktree checkout(String branch, String remote, String baseCommit) {
    String local = repo.resolve("refs/heads/" + branch);
    String remoteSha = repo.resolve("refs/remotes/" + remote + "/" + branch);
    if (local == null) {
      repo.run("branch", "--no-track", branch, remoteSha != null ? remoteSha : baseCommit);
    } else if (remoteSha != null
        && !repo.tryRun("merge-base", "--is-ancestor", remoteSha, local).ok()) {
      // The pushed branch has commits this clone lacks (a reviewer's fix on the PR): start from
      // them, so the later force-with-lease push cannot drop them.
      repo.run("branch", "--force", "--no-track", branch, remoteSha);
    }
    Worktree wt = add(List.of(branch), branch);
    try {
      Git g = wt.git();
      if (!g.tryRun("merge-base", "--is-ancestor", baseCommit, "HEAD").ok()) {
        CommandResult rebase = g.tryRun("rebase", "--quiet", baseCommit);
        if (!rebase.ok()) {
          g.tryRun("rebase", "--abort");
          g.run("reset", "--hard", "--quiet", baseCommit);
        }
      }
      return wt;
    } catch (RuntimeException e) {
      wt.close();
      throw e;
    }
  }

  /**
   * A worktree on the existing {@code branch} as it is, with no rebase: the local branch, made from
   * the remote's (or moved to it when the remote has commits the local one lacks). A UserError when
   * the branch exists neither locally nor on the remote.
   */
  public Worktree existing(String branch, String remote) {
    String local = repo.resolve("refs/heads/" + branch);
    String remoteSha = repo.resolve("refs/remotes/" + remote + "/" + branch);
    if (local == null && remoteSha == null) {
      throw new UserError("branch '" + branch + "' exists neither here nor on '" + remote + "'");
    }
    if (local == null) {
      repo.run("branch", "--no-track", branch, remoteSha);
    } else if (remoteSha != null
        && !repo.tryRun("merge-base", "--is-ancestor", remoteSha, local).ok()
        && repo.tryRun("merge-base", "--is-ancestor", local, remoteSha).ok()) {
      // Someone pushed onto the branch (a reviewer's fix): work on top of it.
      repo.run("branch", "--force", "--no-track", branch, remoteSha);
    }
    return add(List.of(branch), branch);
  }

  /** A detached worktree at a commit, e.g. to run the base's tests. */
  public Worktree detached(String commit) {
    return add(List.of("--detach", commit), null);
  }

  private Worktree add(List<String> what, String branch) {
    try {
      Files.createDirectories(root);
      Path dir = Files.createTempDirectory(root, branch == null ? "base-" : "update-");
      Files.delete(dir);
      // Recorded before git registers the worktree, so no other process ever sees it ownerless.
      AtomicFiles.write(ownerFile(dir), ProcessStamp.current("worktree").format());
      List<String> args = new ArrayList<>(List.of("worktree", "add", "--quiet", dir.toString()));
      args.addAll(what);
      try {
        repo.run(args);
      } catch (RuntimeException e) {
        deleteQuietly(ownerFile(dir));
        throw e;
      }
      return new Worktree(repo, dir, branch);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path realPath(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      return p;
    }
  }
}

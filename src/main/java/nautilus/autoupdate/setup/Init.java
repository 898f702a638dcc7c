package nautilus.autoupdate.setup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import nautilus.autoupdate.AtomicFiles;
import nautilus.autoupdate.CommandResult;
import nautilus.autoupdate.UserError;
import nautilus.autoupdate.config.AutoUpdateConfig;
import nautilus.autoupdate.config.ConfigLoader;
import nautilus.autoupdate.config.TomlFiles;
import nautilus.autoupdate.git.Git;
import nautilus.autoupdate.git.Identity;
import nautilus.autoupdate.git.Worktree;
import nautilus.autoupdate.git.Worktrees;
import nautilus.autoupdate.github.PullRequests;
import org.tomlj.TomlParseResult;

/**
 * Sets a repository up for the tool, on a branch of its own with a pull request, as {@code update}
 * does: the {@code [tool.nautilus-autoupdate]} table appended to pyproject.toml (the file's bytes
 * are otherwise kept), a GitHub Actions workflow and a systemd timer example. Only what the base
 * branch lacks is added and nothing present is overwritten, so a second run changes nothing.
 */
public final class Init {
  public static final String BRANCH = "nautilus-autoupdate/init";
  static final String WORKFLOW = ".github/workflows/nautilus-autoupdate.yml";
  static final String SYSTEMD = "docs/nautilus-autoupdate/systemd/";
  static final String TITLE = "Set up nautilus-autoupdate";

  /** One file init adds or appends to, as a path from the top of the repository. */
  public record Change(String path, String what, byte[] content) {}

  /** What a run did: the changes on the branch (empty: set up already), the commit, the PR. */
  public record Result(List<Change> changes, boolean committed, boolean pushed, String prUrl) {}

  private final AutoUpdateConfig config;
  private final Git git;
  private final Worktrees worktrees;
  private final PullRequests pulls;
  private final Consumer<String> log;
  private final String project;

  /**
   * @param git the repository, opened at the project folder (may be below the top)
   * @param pulls null without a GitHub token: the branch is pushed, no PR opened
   */
  public Init(
      AutoUpdateConfig config,
      Git git,
      Worktrees worktrees,
      PullRequests pulls,
      Consumer<String> log) {
    this.config = config;
    this.git = git;
    this.worktrees = worktrees;
    this.pulls = pulls;
    this.log = log;
    String prefix = git.run("rev-parse", "--show-prefix");
    this.project = prefix.endsWith("/") ? prefix : prefix.isEmpty() ? "" : prefix + "/";
  }

  /**
   * Adds what the base branch lacks on {@link #BRANCH}; with {@code push}, pushes it and opens or
   * updates its PR. With {@code dryRun} only says what it would add.
   */
  public Result run(boolean push, boolean dryRun) {
    String remote = config.remote();
    log.accept("fetching " + remote);
    worktrees.fetch(remote);
    String base = worktrees.baseBranch(remote, config.baseBranch(), true, log);
    String baseSha = worktrees.remoteCommit(remote, base);
    List<Change> needed = plan(path -> show(baseSha, path));
    if (needed.isEmpty()) {
      log.accept(remote + "/" + base + " is set up already: nothing to do");
      return new Result(List.of(), false, false, null);
    }
    if (dryRun) {
      needed.forEach(c -> log.accept("would " + c.what()));
      log.accept(
          "would commit them on "
              + BRANCH
              + (push ? ", push it and open a pull request" : "")
              + "; nothing was changed");
      return new Result(needed, false, false, null);
    }
    try (Worktree wt = worktrees.checkout(BRANCH, remote, baseSha)) {
      // The branch may hold an earlier init already: write only what it still lacks.
      List<Change> missing = plan(path -> read(wt.dir().resolve(path)));
      for (Change c : missing) {
        AtomicFiles.write(wt.dir().resolve(c.path()), c.content());
        log.accept(c.what());
      }
      boolean committed =
          wt.commit(
              missing.stream().map(Change::path).toList(),
              "chore: set up nautilus-autoupdate",
              null,
              Identity.of(config.gitAuthorName(), config.gitAuthorEmail()));
      log.accept(committed ? "committed " + wt.head().substring(0, 12) : "nothing new to commit");
      if (!push) {
        return new Result(needed, committed, false, null);
      }
      boolean pushed = pushBranch(wt, remote);
      log.accept(pushed ? "pushed " + BRANCH + " to " + remote : remote + " is up to date");
      if (pulls == null) {
        log.accept(
            "pull request skipped: no GitHub token (set GITHUB_TOKEN or run 'gh auth login')");
        return new Result(needed, committed, pushed, null);
      }
      PullRequests.Outcome o =
          pulls.upsert(BRANCH, base, TITLE, body(needed), false, List.of(), List.of());
      log.accept(
          (o.created() ? "opened " : o.changed() ? "updated " : "unchanged ") + o.pr().url());
      return new Result(needed, committed, pushed, o.pr().url());
    }
  }

  private boolean pushBranch(Worktree wt, String remote) {
    try {
      return wt.push(remote, "nautilus-autoupdate/");
    } catch (UserError e) {
      // GitHub refuses a push that adds a workflow over HTTPS without the token's workflow scope.
      if (e.getMessage().contains("workflow")) {
        throw new UserError(
            e.getMessage()
                + " (a token that may push workflow files is needed: gh auth refresh -s workflow)",
            e);
      }
      throw e;
    }
  }

  /** The changes a tree lacks; {@code read} gives a file's bytes by path from the top. */
  List<Change> plan(Function<String, Optional<byte[]>> read) {
    List<Change> out = new ArrayList<>();
    configChange(read).ifPresent(out::add);
    String workflow = Templates.workflow(config, project);
    addIfAbsent(out, read, WORKFLOW, "write " + WORKFLOW + " (scheduled run)", workflow);
    String repoName = repoName();
    addIfAbsent(
        out,
        read,
        SYSTEMD + "nautilus-autoupdate.service",
        "write " + SYSTEMD + "nautilus-autoupdate.service (systemd example)",
        Templates.service(repoName, project));
    addIfAbsent(
        out,
        read,
        SYSTEMD + "nautilus-autoupdate.timer",
        "write " + SYSTEMD + "nautilus-autoupdate.timer (systemd example)",
        Templates.timer());
    return out;
  }

  private static void addIfAbsent(
      List<Change> out,
      Function<String, Optional<byte[]>> read,
      String path,
      String what,
      String text) {
    if (read.apply(path).isEmpty()) {
      out.add(new Change(path, what, text.getBytes(StandardCharsets.UTF_8)));
    }
  }

  /**
   * The table appended to pyproject.toml, unless it or nautilus-autoupdate.toml configures the tool
   * already; without a pyproject.toml, a nautilus-autoupdate.toml holding it.
   */
  private Optional<Change> configChange(Function<String, Optional<byte[]>> read) {
    String pyprojectPath = project + ConfigLoader.PYPROJECT;
    if (read.apply(project + ConfigLoader.STANDALONE).isPresent()) {
      return Optional.empty();
    }
    Optional<byte[]> pyproject = read.apply(pyprojectPath);
    if (pyproject.isEmpty()) {
      return Optional.of(
          new Change(
              project + ConfigLoader.STANDALONE,
              "write " + project + ConfigLoader.STANDALONE + " (no pyproject.toml here)",
              Templates.table(config, "\n").getBytes(StandardCharsets.UTF_8)));
    }
    String text = new String(pyproject.get(), StandardCharsets.UTF_8);
    TomlParseResult toml = TomlFiles.parse(text, pyprojectPath);
    if (toml.get(List.of("tool", "nautilus-autoupdate")) != null) {
      return Optional.empty();
    }
    String eol = text.contains("\r\n") ? "\r\n" : "\n";
    String appended =
        (text.isEmpty() || text.endsWith("\n") ? "" : eol)
            + (text.isEmpty() ? "" : eol)
            + Templates.table(config, eol);
    byte[] bytes = concat(pyproject.get(), appended.getBytes(StandardCharsets.UTF_8));
    String after = new String(bytes, StandardCharsets.UTF_8);
    TomlParseResult check = TomlFiles.parse(after, pyprojectPath);
    if (check.hasErrors() || check.get(List.of("tool", "nautilus-autoupdate")) == null) {
      throw new UserError(
          pyprojectPath
              + ": appending a [tool.nautilus-autoupdate] table would not read back (is 'tool'"
              + " an inline table?); add it by hand, see docs/configuration.md");
    }
    return Optional.of(
        new Change(
            pyprojectPath,
            "append [tool.nautilus-autoupdate] to " + pyprojectPath + " (the rest is unchanged)",
            bytes));
  }

  private String repoName() {
    Path top = Path.of(git.run("rev-parse", "--show-toplevel"));
    return top.getFileName() == null ? "repo" : top.getFileName().toString();
  }

  private String body(List<Change> changes) {
    StringBuilder b = new StringBuilder("This sets the repository up for nautilus-autoupdate:\n\n");
    for (Change c : changes) {
      b.append("- `").append(c.path()).append("`: ").append(c.what()).append('\n');
    }
    b.append(
        "\nBefore the workflow can run, set the repository variable `NAUTILUS_AUTOUPDATE_JAR_URL`"
            + " to where the nautilus-autoupdate jar can be downloaded. Pull requests opened with"
            + " the workflow's own `GITHUB_TOKEN` do not start other workflows, so CI would not"
            + " test the update PRs and the merge gate would find no checks: put a fine-grained"
            + " token (contents and pull requests: write) in the secret"
            + " `NAUTILUS_AUTOUPDATE_TOKEN` to have them tested.\n");
    return b.toString();
  }

  private Optional<byte[]> show(String commit, String path) {
    CommandResult r = git.tryRun("cat-file", "-e", commit + ":" + path);
    if (!r.ok()) {
      return Optional.empty();
    }
    // A text file the tool reads back as text; git show prints it as stored.
    return Optional.of(git.run("show", commit + ":" + path).getBytes(StandardCharsets.UTF_8));
  }

  private static Optional<byte[]> read(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UserError("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}

package nautilus.autoupdate.update;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import nautilus.autoupdate.CommandResult;
import nautilus.autoupdate.UserError;
import nautilus.autoupdate.config.AutoUpdateConfig;
import nautilus.autoupdate.git.Git;
import nautilus.autoupdate.git.Identity;
import nautilus.autoupdate.git.Worktree;
import nautilus.autoupdate.git.Worktrees;
import nautilus.autoupdate.github.PrBody;
import nautilus.autoupdate.github.PullRequest;
import nautilus.autoupdate.github.PullRequests;
import nautilus.autoupdate.impact.ImpactReport;
import nautilus.autoupdate.verify.BaselineCache;
import nautilus.autoupdate.verify.TestResult;
import nautilus.autoupdate.verify.TestRunner;
import nautilus.autoupdate.verify.TestStatus;
import nautilus.autoupdate.version.Version;

/**
 * Runs one update in isolation: fetch, base tests (cached per base commit), a worktree on {@code
 * {branch_prefix}{version}}, the workspace steps (pin, lock, fixes), tests, the commits through the
 * hooks (the update, then the code fixes), a lease-protected push and the pull request. The user's
 * checkout is only read; the worktree is removed on every exit path. Re-running converges on one
 * branch and one PR.
 */
public final class Updater {
  /** The steps in order; tests use {@link StepHook} to interrupt a run at each of them. */
  public enum Step {
    PREPARE,
    BASELINE,
    WORKTREE,
    EDIT,
    TESTS,
    COMMIT,
    PUSH,
    PULL_REQUEST
  }

  /** Called before each step; a no-op in production. */
  public interface StepHook {
    void before(Step step);
  }

  /** What to update to and how. {@code notesExcerpt} is upstream text, quoted in the PR. */
  public record Request(
      Version version,
      ImpactReport report,
      String notesExcerpt,
      boolean offline,
      boolean push,
      boolean runTests) {}

  /** The labels every update PR carries; {@code confidence:<level>} is added per run. */
  public static final String LABEL = "nautilus-update";

  private static final String CONFIDENCE_LABEL = "confidence:";

  private final AutoUpdateConfig config;
  private final Git repo;
  private final Worktrees worktrees;
  private final TestRunner tests;
  private final BaselineCache baselines;
  private final List<WorkspaceStep> edits;
  private final PullRequests pulls;
  private final Consumer<String> log;
  private final StepHook hook;
  private final Clock clock;

  /**
   * @param pulls the repository's PRs, or null when there is no GitHub access (no token); then the
   *     branch is pushed and the PR step reports that it was skipped
   */
  public Updater(
      AutoUpdateConfig config,
      Git repo,
      Worktrees worktrees,
      TestRunner tests,
      BaselineCache baselines,
      List<WorkspaceStep> edits,
      PullRequests pulls,
      Consumer<String> log,
      StepHook hook,
      Clock clock) {
    this.config = config;
    this.repo = repo;
    this.worktrees = worktrees;
    this.tests = tests;
    this.baselines = baselines;
    this.edits = List.copyOf(edits);
    this.pulls = pulls;
    this.log = log;
    this.hook = hook;
    this.clock = clock;
  }

  public String branchName(Version version) {
    return config.branchPrefix() + version;
  }

  public UpdateResult run(Request req) {
    String branch = branchName(req.version());
    hook.before(Step.PREPARE);
    int stale = worktrees.pruneStale();
    if (stale > 0) {
      log.accept("removed " + stale + " worktree(s) left by an interrupted run");
    }
    String remote = config.remote();
    if (!req.offline()) {
      log.accept("fetching " + remote);
      worktrees.fetch(remote);
    }
    String base = worktrees.baseBranch(remote, config.baseBranch(), !req.offline(), log);
    String baseSha = worktrees.remoteCommit(remote, base);
    log.accept("base " + remote + "/" + base + " at " + baseSha.substring(0, 12));

    hook.before(Step.BASELINE);
    TestResult baseline = req.runTests() ? baseline(baseSha) : null;

    hook.before(Step.WORKTREE);
    String branchBefore = repo.resolve("refs/heads/" + branch);
    boolean committedAll = false;
    try {
      try (Worktree wt = worktrees.checkout(branch, remote, baseSha)) {
        log.accept("worktree of " + branch + " at " + wt.dir());

        hook.before(Step.EDIT);
        List<String> changed = new ArrayList<>();
        // Steps with their own commit (the code fixes) are committed after the main one.
        Map<String, List<String>> ownCommits = new LinkedHashMap<>();
        for (WorkspaceStep e : edits) {
          List<String> paths = e.apply(wt.dir());
          log.accept(
              e.name() + ": " + (paths.isEmpty() ? "already current" : String.join(", ", paths)));
          e.ownCommit()
              .ifPresentOrElse(
                  s -> ownCommits.computeIfAbsent(s, k -> new ArrayList<>()).addAll(paths),
                  () -> changed.addAll(paths));
        }

        List<String> sections = edits.stream().map(WorkspaceStep::prSection).toList();

        hook.before(Step.TESTS);
        TestResult result = candidateTests(req, wt.dir(), baseline);

        hook.before(Step.COMMIT);
        boolean committed =
            wt.commit(
                changed,
                "chore(deps): update " + config.packageName() + " to " + req.version(),
                commitBody(req.report(), result),
                Identity.of(config.gitAuthorName(), config.gitAuthorEmail()));
        log.accept(committed ? "committed " + wt.head().substring(0, 12) : "nothing new to commit");
        for (Map.Entry<String, List<String>> own : ownCommits.entrySet()) {
          Identity author = Identity.of(config.gitAuthorName(), config.gitAuthorEmail());
          if (wt.commit(own.getValue(), own.getKey(), null, author)) {
            log.accept("committed " + wt.head().substring(0, 12) + " " + own.getKey());
          }
        }
        committedAll = true;

        String prUrl = null;
        if (req.push() && !req.offline()) {
          hook.before(Step.PUSH);
          boolean pushed = wt.push(remote, config.branchPrefix());
          log.accept(pushed ? "pushed " + branch + " to " + remote : remote + " is up to date");

          hook.before(Step.PULL_REQUEST);
          prUrl = pullRequest(req, branch, base, sections, result);
        }
        boolean testsOk = passedOrSkipped(result);
        return new UpdateResult(
            testsOk,
            req.version().toString(),
            branch,
            wt.head(),
            prUrl,
            result,
            testsOk ? null : testProblem(result),
            Instant.now(clock));
      }
    } catch (RuntimeException e) {
      // A refused commit (a hook) or a failed edit must not leave the branch at the base, or at
      // half the commits, looking like an update: put it back as it was before this run.
      throw committedAll ? e : restoreBranch(branch, branchBefore, e);
    }
  }

  /**
   * Puts {@code branch} back where it was before the run ({@code before}; null: it did not exist,
   * so it is deleted) and returns the error to throw, saying so in the same line.
   */
  private RuntimeException restoreBranch(String branch, String before, RuntimeException e) {
    String now = repo.resolve("refs/heads/" + branch);
    if (java.util.Objects.equals(now, before)) {
      return e;
    }
    CommandResult r =
        before == null
            ? repo.tryRun("branch", "-D", branch)
            : repo.tryRun("update-ref", "refs/heads/" + branch, before);
    String what =
        !r.ok()
            ? branch + " could not be put back: " + r.lastLine()
            : before == null
                ? branch + " was not kept"
                : branch + " is back at " + before.substring(0, 12);
    return e instanceof UserError ? new UserError(e.getMessage() + "; " + what, e) : e;
  }

  /**
   * Every step {@link #run} would take, as lines, computed by reading only: no fetch, no worktree,
   * no file written, no process but read-only git queries, no HTTP call.
   */
  public List<String> preview(Request req, Path checkout) {
    String branch = branchName(req.version());
    String remote = config.remote();
    List<String> out = new ArrayList<>();
    int stale = worktrees.ours().size();
    if (stale > 0) {
      out.add("would remove " + stale + " worktree(s) left by an interrupted run");
    }
    if (!req.offline()) {
      out.add("would run: git fetch --prune --quiet " + remote);
    }
    String base =
        config.baseBranch() != null ? config.baseBranch() : "<default branch of " + remote + ">";
    String state =
        repo.resolve("refs/heads/" + branch) != null
                || repo.resolve("refs/remotes/" + remote + "/" + branch) != null
            ? "reuse branch " + branch + " from an earlier run and rebase it onto "
            : "create branch " + branch + " from ";
    out.add("would " + state + remote + "/" + base);
    out.add("would add a worktree under " + worktrees.root());
    if (req.runTests()) {
      for (List<String> c : tests.environment().syncCommands(checkout)) {
        out.add("would run (base and update worktrees): " + String.join(" ", c));
      }
      out.add(
          "would run (base, unless cached, and update worktrees): "
              + String.join(
                  " ", tests.command(checkout, config.testCommand(), Path.of("report.xml"))));
    }
    for (WorkspaceStep e : edits) {
      List<String> lines = e.preview(checkout);
      out.add(e.name() + ": " + (lines.isEmpty() ? "no change" : "would write:"));
      lines.forEach(l -> out.add("  " + l));
    }
    out.add(
        "would commit (hooks run): chore(deps): update "
            + config.packageName()
            + " to "
            + req.version());
    edits.stream()
        .flatMap(e -> e.ownCommit().stream())
        .distinct()
        .forEach(s -> out.add("would commit (hooks run): " + s));
    if (req.push() && !req.offline()) {
      out.add(
          "would run: git push --force-with-lease=refs/heads/"
              + branch
              + ":<last fetched> "
              + remote
              + " refs/heads/"
              + branch);
      if (pulls == null) {
        out.add("would skip the pull request: no GitHub token");
      } else {
        out.add("would call: GET pulls?head=<owner>:" + branch + " (find the open PR)");
        out.add(
            "would call: POST pulls (or PATCH the open one): \"Update "
                + config.packageName()
                + " to "
                + req.version()
                + "\", labels "
                + LABEL
                + ", "
                + CONFIDENCE_LABEL
                + req.report().confidenceLevel().id());
        out.add("would call: PATCH older open " + config.branchPrefix() + "* PRs to close them");
      }
    }
    return out;
  }

  private TestResult baseline(String baseSha) {
    return BaseTests.of(baseSha, config.testCommand(), baselines, worktrees, tests, log);
  }

  private TestResult candidateTests(Request req, Path dir, TestResult baseline) {
    if (!req.runTests()) {
      log.accept("tests skipped (--skip-tests)");
      return TestResult.without(TestStatus.SKIPPED, "skipped on request", 0);
    }
    log.accept("tests: running " + config.testCommand());
    TestResult r = tests.run(dir, config.testCommand()).comparedWith(baseline);
    log.accept("tests: " + summary(r));
    return r;
  }

  private String pullRequest(
      Request req, String branch, String base, List<String> sections, TestResult result) {
    if (pulls == null) {
      log.accept("pull request skipped: no GitHub token (set GITHUB_TOKEN or run 'gh auth login')");
      return null;
    }
    ImpactReport report = req.report();
    String level = report.confidenceLevel().id();
    boolean draft = !passedOrSkipped(result);
    PullRequests.Outcome o =
        pulls.upsert(
            branch,
            base,
            "Update " + config.packageName() + " to " + req.version(),
            PrBody.render(report, sections, result, req.notesExcerpt()),
            draft,
            List.of(LABEL, CONFIDENCE_LABEL + level),
            List.of(CONFIDENCE_LABEL));
    log.accept((o.created() ? "opened " : o.changed() ? "updated " : "unchanged ") + o.pr().url());
    for (PullRequest old : pulls.closeSuperseded(pr -> isOlderUpdate(pr, req.version()), o.pr())) {
      log.accept("closed superseded " + old.url());
    }
    return o.pr().url();
  }

  private static boolean passedOrSkipped(TestResult r) {
    return r == null || r.passed() || r.status() == TestStatus.SKIPPED;
  }

  private boolean isOlderUpdate(PullRequest pr, Version version) {
    String ref = pr.headRef();
    if (!ref.startsWith(config.branchPrefix())) {
      return false;
    }
    return Version.tryParse(ref.substring(config.branchPrefix().length()))
        .map(v -> v.compareTo(version) < 0)
        .orElse(false);
  }

  /** One line for a test result: counts, or the status and why there is no verdict. */
  public static String summary(TestResult r) {
    if (!r.hasVerdict()) {
      return r.status().id().replace('_', ' ') + (r.detail() == null ? "" : ": " + r.detail());
    }
    return String.format(
        Locale.ROOT,
        "%d tests, %d failed (%d new, %d already failing, %d fixed), %d skipped in %.1f s",
        r.totalTests(),
        r.failedTests(),
        r.newFailures().size(),
        r.existingFailures().size(),
        r.fixedTests().size(),
        r.skippedTests(),
        r.durationSeconds());
  }

  private static String testProblem(TestResult r) {
    if (!r.hasVerdict()) {
      return "tests " + summary(r);
    }
    return "the update introduces "
        + r.newFailures().size()
        + " failing test(s): "
        + String.join(", ", r.newFailures().subList(0, Math.min(5, r.newFailures().size())));
  }

  static String commitBody(ImpactReport r, TestResult t) {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "Impact: %d breaking change(s), %d affected line(s) in %d file(s);"
                + " confidence %d (%s), recommendation %s.",
            r.breakingChanges().size(),
            r.totalAffectedLines(),
            r.affectedFiles().size(),
            r.confidenceScore(),
            r.confidenceLevel().id(),
            r.recommendation().id()));
    b.append("\nTests: ").append(t == null ? "not run" : summary(t)).append('.');
    return b.toString();
  }
}

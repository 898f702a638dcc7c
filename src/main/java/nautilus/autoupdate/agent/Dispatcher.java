package nautilus.autoupdate.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import nautilus.autoupdate.CommandResult;
import nautilus.autoupdate.config.AutoUpdateConfig;
import nautilus.autoupdate.fix.FixEngine;
import nautilus.autoupdate.fix.FixResult;
import nautilus.autoupdate.git.Git;
import nautilus.autoupdate.git.Identity;
import nautilus.autoupdate.git.Worktree;
import nautilus.autoupdate.git.Worktrees;
import nautilus.autoupdate.github.GitHubError;
import nautilus.autoupdate.github.GitHubFault;
import nautilus.autoupdate.github.PullRequest;
import nautilus.autoupdate.github.PullRequests;
import nautilus.autoupdate.impact.AffectedFile;
import nautilus.autoupdate.impact.ImpactReport;
import nautilus.autoupdate.impact.Severity;
import nautilus.autoupdate.state.AgentRun;
import nautilus.autoupdate.state.StateDb;
import nautilus.autoupdate.update.BaseTests;
import nautilus.autoupdate.update.UpdateResult;
import nautilus.autoupdate.update.Updater;
import nautilus.autoupdate.verify.BaselineCache;
import nautilus.autoupdate.verify.TestResult;
import nautilus.autoupdate.verify.TestRunner;
import nautilus.autoupdate.verify.TestStatus;
import nautilus.autoupdate.version.Version;

/**
 * Hands what the automatic fixes left on the update branch to the coding agent, and keeps its work
 * only when it is safe and better. In a worktree of {@code update/v<V>} (made by {@code update}
 * first when missing): analyze and test the branch, write the brief, run the agent, check its diff
 * against the guardrails, analyze and test again (against the same base results), and commit {@code
 * fix: agent adaptation to <package> <V>} only when no test regressed and fewer breaks are left.
 * Otherwise the edits are dropped and the PR becomes a draft that says why. Every run is recorded
 * before the agent starts and when it ends, so a second dispatch resumes or says it is done.
 */
public final class Dispatcher {
  /** Analyzes a checkout of the project (the update branch's worktree) against the update. */
  public interface Analyzer {
    ImpactReport analyze(Path projectDir);
  }

  /** Makes the missing update branch, as the {@code update} command does. */
  public interface BranchStep {
    UpdateResult create();

    /** What {@link #create} would do, for a dry run; reads only. */
    List<String> preview();
  }

  /**
   * @param threshold hand over only when what is left is at least this severe (null: always)
   */
  public record Options(boolean offline, boolean push, boolean runTests, Severity threshold) {}

  /** Where the agent's section of the PR body starts; everything after it is replaced. */
  static final String MARKER = "<!-- nautilus-autoupdate:agent -->";

  /** The agent's output is stored up to this size. */
  static final int MAX_TRANSCRIPT = 256 * 1024;

  private final AutoUpdateConfig config;
  private final Git repo;
  private final Path project;
  private final Worktrees worktrees;
  private final TestRunner tests;
  private final BaselineCache baselines;
  private final BranchStep branchStep;
  private final Analyzer analyzer;
  private final FixEngine engine;
  private final AgentProcess agent;
  private final List<String> command;
  private final Map<String, String> agentEnv;
  private final StateDb state;
  private final PullRequests pulls;
  private final Options options;
  private final Consumer<String> log;

  /**
   * @param project the project folder relative to the repository top
   * @param command the agent's argument list ({@code agent_command}, split)
   * @param agentEnv the agent's whole environment (see {@link Dispatchers#agentEnv})
   * @param pulls the repository's PRs, or null without GitHub access
   */
  public Dispatcher(
      AutoUpdateConfig config,
      Git repo,
      Path project,
      Worktrees worktrees,
      TestRunner tests,
      BaselineCache baselines,
      BranchStep branchStep,
      Analyzer analyzer,
      FixEngine engine,
      AgentProcess agent,
      List<String> command,
      Map<String, String> agentEnv,
      StateDb state,
      PullRequests pulls,
      Options options,
      Consumer<String> log) {
    this.config = config;
    this.repo = repo;
    this.project = project;
    this.worktrees = worktrees;
    this.tests = tests;
    this.baselines = baselines;
    this.branchStep = branchStep;
    this.analyzer = analyzer;
    this.engine = engine;
    this.agent = agent;
    this.command = List.copyOf(command);
    this.agentEnv = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(agentEnv));
    this.state = state;
    this.pulls = pulls;
    this.options = options;
    this.log = log;
  }

  public String subject(Version v) {
    return "fix: agent adaptation to " + config.packageName() + " " + v;
  }

  public DispatchResult run(Version v, boolean dryRun) {
    String branch = config.branchPrefix() + v;
    Optional<AgentRun> last = state.agentRuns(v).stream().findFirst();
    if (last.isPresent() && last.get().finished()) {
      DispatchOutcome o = DispatchOutcome.of(last.get().outcome());
      if (!o.retried()) {
        return ended(v, branch, last.get(), o);
      }
      log.accept("the last dispatch for " + v + " ended " + o.id() + "; trying again");
    }
    if (dryRun) {
      return preview(v, branch);
    }
    for (AgentRun r : state.agentRuns(v)) {
      if (!r.finished()) {
        state.finishAgentRun(
            r.id(),
            null,
            DispatchOutcome.CRASHED.id(),
            null,
            "cut short: the tool was stopped",
            null,
            null);
        log.accept("an earlier dispatch for " + v + " was cut short; starting again");
      }
    }
    String remote = config.remote();
    if (!options.offline()) {
      log.accept("fetching " + remote);
      worktrees.fetch(remote);
    }
    if (repo.resolve("refs/heads/" + branch) == null
        && repo.resolve("refs/remotes/" + remote + "/" + branch) == null) {
      log.accept(branch + " does not exist: making it as update does");
      UpdateResult u = branchStep.create();
      log.accept(
          "update: "
              + (u.success() ? "done" : "not done (" + u.errorMessage() + ")")
              + (u.prUrl() == null ? "" : " " + u.prUrl()));
    }
    String base = worktrees.baseBranch(remote, config.baseBranch(), !options.offline());
    String baseSha = worktrees.remoteCommit(remote, base);
    try (Worktree wt = worktrees.existing(branch, remote)) {
      log.accept("worktree of " + branch + " at " + wt.dir());
      return inWorktree(v, branch, baseSha, wt);
    }
  }

  private DispatchResult inWorktree(Version v, String branch, String baseSha, Worktree wt) {
    Git g = wt.git();
    String earlier =
        g.run("log", "-1", "--format=%H", "--fixed-strings", "--grep=" + subject(v), "HEAD");
    if (!earlier.isEmpty()) {
      // Committed by a run that was stopped before it recorded or pushed.
      long id = state.startAgentRun(v);
      push(wt);
      String msg = "the agent's change was committed before (" + short12(earlier) + ")";
      state.finishAgentRun(id, null, DispatchOutcome.COMMITTED.id(), null, msg, earlier, null);
      return result(v, DispatchOutcome.DONE, branch, earlier, -1, -1, null, List.of(), null, msg);
    }
    Path dir = wt.dir().resolve(project);
    TestResult baseline = options.runTests() ? baseline(baseSha) : null;
    log.accept("analyzing " + branch);
    ImpactReport before = analyzer.analyze(dir);
    FixResult left = engine.plan(dir, before).result();
    TestResult testsBefore = branchTests(wt, baseline);
    int breaksBefore = breaks(before, testsBefore);
    log.accept("left on " + branch + ": " + describe(before, testsBefore));
    if (breaksBefore == 0) {
      return record(
          v, branch, DispatchOutcome.NOTHING_LEFT, "nothing is left for the agent", 0, testsBefore);
    }
    Severity worst = worst(before, testsBefore);
    if (options.threshold() != null && worst.ordinal() > options.threshold().ordinal()) {
      return record(
          v,
          branch,
          DispatchOutcome.BELOW_THRESHOLD,
          "what is left is " + worst + ", below dispatch_threshold " + options.threshold(),
          breaksBefore,
          testsBefore);
    }
    String brief = Brief.render(config.packageName(), before, left, testsBefore);
    Set<String> untrackedBefore = Guardrails.untracked(g);
    long id = state.startAgentRun(v);
    log.accept(
        "agent: running "
            + command.get(0)
            + " in the worktree (limit "
            + agent.timeout().toSeconds()
            + " s; environment: "
            + String.join(", ", agentEnv.keySet())
            + ")");
    CommandResult r = agent.run(command, wt.dir(), agentEnv, brief);
    String transcript = AgentOutput.cap(r.stdout(), MAX_TRANSCRIPT);
    Optional<AgentOutput> out = AgentOutput.parse(r.stdout());
    String summary = out.map(AgentOutput::summary).orElse(null);
    Integer exit = r.started() && !r.timedOut() ? r.exitCode() : null;
    Run run = new Run(id, v, branch, exit, summary, transcript, breaksBefore);

    DispatchOutcome fault = fault(r, out);
    if (fault != null) {
      restore(g, untrackedBefore);
      return failed(run, fault, faultMessage(fault, r, out), -1, testsBefore, List.of());
    }
    List<String> changed = agentChanges(g, untrackedBefore);
    List<Guardrails.Violation> violations =
        Guardrails.check(g, changed, repoPath(config.pyprojectPath()));
    if (!violations.isEmpty()) {
      restore(g, untrackedBefore);
      List<String> why = violations.stream().map(Guardrails.Violation::toString).toList();
      return failed(
          run,
          DispatchOutcome.GUARDRAIL,
          "the agent broke "
              + why.size()
              + " rule(s) ("
              + why.get(0)
              + (why.size() > 1 ? "; ..." : "")
              + "); its edits were dropped and nothing was committed",
          -1,
          testsBefore,
          why);
    }
    if (changed.isEmpty()) {
      return failed(
          run,
          DispatchOutcome.NO_PROGRESS,
          "the agent changed nothing",
          breaksBefore,
          testsBefore,
          List.of());
    }
    log.accept("agent changed: " + String.join(", ", changed));
    ImpactReport after = analyzer.analyze(dir);
    TestResult testsAfter = branchTests(wt, baseline);
    int breaksAfter = breaks(after, testsAfter);
    List<String> regressed = regressions(testsBefore, testsAfter);
    log.accept("left after the agent: " + describe(after, testsAfter));
    if (!regressed.isEmpty() || breaksAfter >= breaksBefore) {
      restore(g, untrackedBefore);
      String why =
          !regressed.isEmpty()
              ? "the agent's change breaks "
                  + regressed.size()
                  + " test(s) ("
                  + String.join(", ", regressed.subList(0, Math.min(5, regressed.size())))
                  + ")"
              : "the agent's change leaves "
                  + breaksAfter
                  + " break(s), not fewer than "
                  + breaksBefore;
      return failed(
          run,
          DispatchOutcome.NO_PROGRESS,
          why + "; not committed",
          breaksAfter,
          testsAfter,
          List.of());
    }
    boolean committed =
        wt.commit(
            changed,
            subject(v),
            commitBody(breaksBefore, breaksAfter, testsAfter, summary),
            Identity.of(config.gitAuthorName(), config.gitAuthorEmail()));
    String sha = wt.head();
    log.accept(
        committed ? "committed " + short12(sha) + " " + subject(v) : "nothing new to commit");
    push(wt);
    String msg =
        "committed the agent's change ("
            + short12(sha)
            + "): breaks "
            + breaksBefore
            + " → "
            + breaksAfter;
    boolean ready = breaksAfter == 0 && passedOrSkipped(testsAfter);
    String prUrl =
        annotate(
            branch,
            "**Outcome: committed** `"
                + short12(sha)
                + "`. Breaks left (sites the analysis finds plus tests the update broke): "
                + breaksBefore
                + " → "
                + breaksAfter
                + ". Tests: "
                + (testsAfter == null ? "not run" : Updater.summary(testsAfter))
                + "."
                + summarySection(summary),
            !ready);
    state.finishAgentRun(id, exit, DispatchOutcome.COMMITTED.id(), summary, msg, sha, transcript);
    return result(
            v,
            DispatchOutcome.COMMITTED,
            branch,
            sha,
            breaksBefore,
            breaksAfter,
            testsAfter,
            List.of(),
            summary,
            msg)
        .withPr(prUrl);
  }

  /** One agent run in flight: what {@link #failed} records. */
  private record Run(
      long id,
      Version version,
      String branch,
      Integer exit,
      String summary,
      String transcript,
      int breaksBefore) {}

  private DispatchResult failed(
      Run run,
      DispatchOutcome outcome,
      String message,
      int breaksAfter,
      TestResult tests,
      List<String> violations) {
    log.accept("agent: " + outcome.id() + ": " + message);
    StringBuilder note =
        new StringBuilder("**Outcome: ")
            .append(outcome.id())
            .append(".** ")
            .append(message)
            .append(". A person should take it from here.");
    if (!violations.isEmpty()) {
      note.append("\n");
      violations.forEach(x -> note.append("\n- ").append(x));
    }
    note.append(summarySection(run.summary()));
    String prUrl = annotate(run.branch(), note.toString(), true);
    state.finishAgentRun(
        run.id(), run.exit(), outcome.id(), run.summary(), message, null, run.transcript());
    return result(
            run.version(),
            outcome,
            run.branch(),
            null,
            run.breaksBefore(),
            breaksAfter,
            tests,
            violations,
            run.summary(),
            message)
        .withPr(prUrl);
  }

  private static String summarySection(String summary) {
    return summary == null || summary.isBlank()
        ? ""
        : "\n\nThe agent's summary (its own words, untrusted):\n\n" + Brief.fence(summary);
  }

  /** Records an outcome without running the agent (nothing left, below the threshold). */
  private DispatchResult record(
      Version v, String branch, DispatchOutcome o, String msg, int breaks, TestResult t) {
    long id = state.startAgentRun(v);
    state.finishAgentRun(id, null, o.id(), null, msg, null, null);
    log.accept(msg);
    return result(v, o, branch, null, breaks, breaks, t, List.of(), null, msg);
  }

  private DispatchResult ended(Version v, String branch, AgentRun r, DispatchOutcome o) {
    String msg =
        "the agent already ran for "
            + v
            + " and ended "
            + o.id()
            + (r.message() == null ? "" : " (" + r.message() + ")")
            + " at "
            + r.finishedAt()
            + (o.success() ? "; nothing to do" : "; the pull request is left to a person");
    return result(
        v,
        o == DispatchOutcome.COMMITTED ? DispatchOutcome.DONE : o,
        branch,
        r.commitSha(),
        -1,
        -1,
        null,
        List.of(),
        r.summary(),
        msg);
  }

  private DispatchResult preview(Version v, String branch) {
    List<String> lines = new ArrayList<>();
    lines.add("dry run: nothing is run or changed");
    String remote = config.remote();
    if (!options.offline()) {
      lines.add("would run: git fetch --prune --quiet " + remote);
    }
    if (repo.resolve("refs/heads/" + branch) == null
        && repo.resolve("refs/remotes/" + remote + "/" + branch) == null) {
      lines.add("would make " + branch + " as update does:");
      branchStep.preview().forEach(l -> lines.add("  " + l));
    } else {
      lines.add("would work in a worktree of " + branch + " under " + worktrees.root());
    }
    lines.add("would analyze the branch and run its tests (and the base's, unless cached)");
    lines.add(
        "would run (no shell, limit "
            + agent.timeout().toSeconds()
            + " s, its process group killed past it): "
            + String.join(" ", AgentProcess.launched(command, agentEnv)));
    lines.add("agent environment: " + String.join(", ", agentEnv.keySet()));
    lines.add("with the brief on stdin: the sites left, the failing tests and the rules");
    lines.add(
        "would check the diff (pin, lock, CI, tool config, tests, assertions), analyze and test"
            + " again, and commit '"
            + subject(v)
            + "' only if no test regressed and fewer breaks are left");
    if (options.push() && !options.offline()) {
      lines.add("would push " + branch + " and note the outcome on its pull request");
    }
    lines.forEach(log);
    return result(
        v, DispatchOutcome.DRY_RUN, branch, null, -1, -1, null, List.of(), null, "dry run");
  }

  private DispatchResult result(
      Version v,
      DispatchOutcome o,
      String branch,
      String sha,
      int before,
      int after,
      TestResult t,
      List<String> violations,
      String summary,
      String msg) {
    return new DispatchResult(
        v.toString(),
        o,
        o.success(),
        branch,
        sha,
        null,
        before,
        after,
        t == null ? null : Updater.summary(t),
        violations,
        summary,
        msg);
  }

  private static DispatchOutcome fault(CommandResult r, Optional<AgentOutput> out) {
    if (!r.started()) {
      return DispatchOutcome.CRASHED;
    }
    if (r.timedOut()) {
      return DispatchOutcome.TIMED_OUT;
    }
    if (r.exitCode() > 128) {
      return DispatchOutcome.CRASHED;
    }
    if (r.exitCode() != 0) {
      return DispatchOutcome.FAILED;
    }
    if (out.isEmpty()) {
      return DispatchOutcome.BAD_OUTPUT;
    }
    return out.get().isError() ? DispatchOutcome.AGENT_ERROR : null;
  }

  private String faultMessage(DispatchOutcome o, CommandResult r, Optional<AgentOutput> out) {
    return switch (o) {
      case CRASHED ->
          r.started()
              ? "the agent died from signal " + (r.exitCode() - 128)
              : "the agent could not start: " + r.startError();
      case TIMED_OUT ->
          "the agent did not finish within "
              + agent.timeout().toSeconds()
              + " s (agent_timeout_seconds); its process group was killed";
      case FAILED ->
          "the agent exited with code "
              + r.exitCode()
              + (r.lastLine().isEmpty() ? "" : ": " + AgentOutput.cap(r.lastLine(), 200));
      case BAD_OUTPUT ->
          "the agent's output is not JSON (expected --output-format json): "
              + AgentOutput.cap(firstLine(r.stdout()), 120);
      default ->
          "the agent reported an error"
              + (out.isPresent() && out.get().errorKind() != null
                  ? " (" + out.get().errorKind() + ")"
                  : "");
    };
  }

  private static String firstLine(String s) {
    String t = s == null ? "" : s.strip();
    int nl = t.indexOf('\n');
    return t.isEmpty() ? "(empty)" : nl < 0 ? t : t.substring(0, nl);
  }

  /** What the agent changed: tracked edits and new files, without caches its tools leave. */
  private static List<String> agentChanges(Git g, Set<String> untrackedBefore) {
    List<String> out = new ArrayList<>();
    for (String p : Guardrails.changedPaths(g)) {
      if (!untrackedBefore.contains(p) && !junk(p)) {
        out.add(p);
      }
    }
    return out;
  }

  static boolean junk(String path) {
    String p = "/" + path;
    return p.contains("/__pycache__/")
        || p.endsWith(".pyc")
        || p.contains("/.pytest_cache/")
        || p.contains("/.mypy_cache/")
        || p.contains("/.ruff_cache/")
        || p.contains("/.venv/");
  }

  /** Drops the agent's edits: tracked files back to HEAD, the files it created deleted. */
  private static void restore(Git g, Set<String> untrackedBefore) {
    g.run("reset", "--hard", "--quiet", "HEAD");
    for (String p : Guardrails.untracked(g)) {
      if (!untrackedBefore.contains(p)) {
        try {
          Files.deleteIfExists(g.dir().resolve(p));
        } catch (IOException e) {
          // The worktree is removed when the dispatch ends; a leftover there is never committed.
        }
      }
    }
  }

  private TestResult baseline(String baseSha) {
    return BaseTests.of(baseSha, config.testCommand(), baselines, worktrees, tests, log);
  }

  private TestResult branchTests(Worktree wt, TestResult baseline) {
    if (!options.runTests()) {
      return null;
    }
    TestResult r = tests.run(wt.dir(), config.testCommand()).comparedWith(baseline);
    log.accept("tests: " + Updater.summary(r));
    return r;
  }

  /** Sites the analysis finds plus the tests the update broke (a run without verdict is one). */
  static int breaks(ImpactReport report, TestResult tests) {
    int sites = report.affectedFiles().stream().mapToInt(f -> f.sites().size()).sum();
    return sites + failing(tests).size();
  }

  private static List<String> failing(TestResult t) {
    if (t == null || t.status() == TestStatus.SKIPPED) {
      return List.of();
    }
    if (!t.hasVerdict()) {
      return List.of("tests (" + t.status().id() + ")");
    }
    return t.newFailures();
  }

  /** Tests failing after the agent that did not before it (a lost verdict counts). */
  static List<String> regressions(TestResult before, TestResult after) {
    Set<String> was = new HashSet<>(failing(before));
    return failing(after).stream().filter(n -> !was.contains(n)).toList();
  }

  /** The worst severity left: the affected files', and HIGH for a broken test. */
  private static Severity worst(ImpactReport report, TestResult tests) {
    Severity w = Severity.LOW;
    for (AffectedFile f : report.affectedFiles()) {
      if (!f.sites().isEmpty()) {
        w = Severity.worst(w, f.severity());
      }
    }
    return failing(tests).isEmpty() ? w : Severity.worst(w, Severity.HIGH);
  }

  private static String describe(ImpactReport report, TestResult t) {
    int sites = report.affectedFiles().stream().mapToInt(f -> f.sites().size()).sum();
    return sites
        + " site(s) in "
        + report.affectedFiles().size()
        + " file(s); tests: "
        + (t == null ? "not run" : Updater.summary(t));
  }

  private static boolean passedOrSkipped(TestResult t) {
    return t == null || t.passed() || t.status() == TestStatus.SKIPPED;
  }

  private void push(Worktree wt) {
    if (options.push() && !options.offline()) {
      boolean pushed = wt.push(config.remote(), config.branchPrefix());
      log.accept(
          pushed
              ? "pushed " + wt.branch() + " to " + config.remote()
              : config.remote() + " is up to date");
    }
  }

  /** Notes the outcome on the branch's open PR and sets its draft state; its URL, or null. */
  private String annotate(String branch, String section, boolean draft) {
    if (pulls == null || options.offline() || !options.push()) {
      return null;
    }
    Optional<PullRequest> pr = pulls.findOpen(branch);
    if (pr.isEmpty()) {
      log.accept("no open pull request for " + branch + " to note the outcome on");
      return null;
    }
    try {
      pulls.annotate(pr.get(), MARKER, "## Coding agent\n\n" + section, draft);
      log.accept((draft ? "marked as a draft: " : "noted on: ") + pr.get().url());
    } catch (GitHubError | GitHubFault e) {
      log.accept("could not update " + pr.get().url() + ": " + e.getMessage());
    }
    return pr.get().url();
  }

  private String repoPath(String path) {
    return project.resolve(path).normalize().toString().replace('\\', '/');
  }

  private static String commitBody(int before, int after, TestResult t, String summary) {
    StringBuilder b =
        new StringBuilder("Breaks left (sites plus tests the update broke): ")
            .append(before)
            .append(" -> ")
            .append(after)
            .append(".\nTests: ")
            .append(t == null ? "not run" : Updater.summary(t))
            .append('.');
    if (summary != null && !summary.isBlank()) {
      b.append("\n\nThe agent's summary:\n").append(AgentOutput.cap(summary, 2000));
    }
    return b.toString();
  }

  private static String short12(String sha) {
    return sha.length() > 12 ? sha.substring(0, 12) : sha;
  }
}

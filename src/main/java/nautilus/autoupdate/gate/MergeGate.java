package nautilus.autoupdate.gate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nautilus.autoupdate.config.AutoUpdateConfig;
import nautilus.autoupdate.github.GitHubError;
import nautilus.autoupdate.github.GitHubFault;
import nautilus.autoupdate.github.Merges;
import nautilus.autoupdate.github.PullRequest;
import nautilus.autoupdate.github.PullRequests;
import nautilus.autoupdate.impact.Recommendation;
import nautilus.autoupdate.state.MergeRecord;
import nautilus.autoupdate.state.StateDb;
import nautilus.autoupdate.state.UpdateRecord;
import nautilus.autoupdate.verify.TestStatus;

/**
 * Decides whether an update's pull request merges now, and merges it. {@code auto} merges once
 * {@code auto_merge_quiet_hours} have passed since the PR was opened or its head last changed,
 * {@code delayed} after {@code delayed_merge_hours}; both only when every status and check run on
 * the head succeeded, and never while a person objects (the hold label, a review requesting
 * changes, a {@code /hold} comment). {@code manual} and {@code blocked} never merge. The merge
 * names the head that was checked, so a push after the check makes GitHub refuse (409) instead of
 * merging unchecked code; a refusal is recorded and that head is not tried again.
 */
public final class MergeGate {
  /** The gate's settings, from the configuration. */
  public record Policy(Duration quiet, Duration delayed, String holdLabel) {
    public static Policy of(AutoUpdateConfig c) {
      return new Policy(
          Duration.ofHours(c.autoMergeQuietHours()),
          Duration.ofHours(c.delayedMergeHours()),
          c.holdLabel());
    }
  }

  // A line that starts with /hold (optionally a reason after it), or /unhold, or /hold cancel.
  private static final Pattern COMMAND =
      Pattern.compile("(?m)^[ \\t]*/(hold|unhold)\\b(?:[ \\t]+(\\S+))?");

  private final PullRequests pulls;
  private final Merges merges;
  private final StateDb state;
  private final Policy policy;
  private final Clock clock;

  public MergeGate(PullRequests pulls, StateDb state, Policy policy, Clock clock) {
    this.pulls = pulls;
    this.merges = pulls.merges();
    this.state = state;
    this.policy = policy;
    this.clock = clock;
  }

  /** Looks at the open pull request of {@code update}'s branch and merges it when it may. */
  public GateResult pass(UpdateRecord update, Recommendation rec) {
    if (rec != Recommendation.AUTO && rec != Recommendation.DELAYED) {
      return result(GateResult.Kind.NEVER, "recommendation " + rec.id() + ": a person merges it");
    }
    Optional<PullRequest> open = pulls.findOpen(update.branch());
    if (open.isEmpty()) {
      boolean mergedHere =
          update.prUrl() != null
              && state.mergesOf(update.prUrl()).stream().anyMatch(MergeRecord::merged);
      return mergedHere
          ? result(GateResult.Kind.MERGED, "merged " + update.prUrl() + " before")
          : result(GateResult.Kind.CLOSED, "no open pull request for " + update.branch());
    }
    PullRequest pr = open.get();
    Optional<MergeRecord> refused =
        state.mergesOf(pr.url()).stream()
            .filter(m -> !m.merged() && m.headSha().equals(pr.headSha()))
            .findFirst();
    if (refused.isPresent()) {
      return result(
          GateResult.Kind.REFUSED,
          "GitHub refused to merge "
              + pr.url()
              + " at "
              + shortSha(pr.headSha())
              + " before (HTTP "
              + refused.get().httpStatus()
              + "): merge it by hand, or push to try again");
    }
    List<String> objections = objections(pr);
    if (!objections.isEmpty()) {
      return result(
          GateResult.Kind.HOLD, "held: " + String.join("; ", objections) + " (" + pr.url() + ")");
    }
    Optional<GateResult> early = window(pr, rec);
    if (early.isPresent()) {
      return early.get();
    }
    Optional<GateResult> checks = checks(pr, testedHere(update));
    if (checks.isPresent()) {
      return checks.get();
    }
    return merge(pr, update);
  }

  /** What a person said against merging: the hold label, changes requested, a /hold comment. */
  List<String> objections(PullRequest pr) {
    List<String> why = new ArrayList<>();
    String hold = policy.holdLabel();
    if (hold != null && pr.labels().stream().anyMatch(l -> l.equalsIgnoreCase(hold))) {
      why.add("label '" + hold + "'");
    }
    // A reviewer's latest verdict counts: a later approval or a dismissal lifts changes requested.
    Map<String, String> latest = new LinkedHashMap<>();
    for (Merges.Review r : merges.reviews(pr.number())) {
      if (r.state().equals("APPROVED")
          || r.state().equals("CHANGES_REQUESTED")
          || r.state().equals("DISMISSED")) {
        latest.put(r.user(), r.state());
      }
    }
    latest.forEach(
        (user, s) -> {
          if (s.equals("CHANGES_REQUESTED")) {
            why.add(user + " requested changes");
          }
        });
    String heldBy = null;
    for (Merges.Comment c : merges.comments(pr.number())) {
      Matcher m = COMMAND.matcher(c.body());
      while (m.find()) {
        boolean lift =
            m.group(1).equals("unhold")
                || "cancel".equals(m.group(2) == null ? null : m.group(2).toLowerCase(Locale.ROOT));
        heldBy = lift ? null : c.user();
      }
    }
    if (heldBy != null) {
      why.add("/hold by " + heldBy);
    }
    return why;
  }

  /**
   * Waits out the window: from the later of the PR's opening and its head's commit, so a push to
   * the PR starts the window again.
   */
  private Optional<GateResult> window(PullRequest pr, Recommendation rec) {
    Duration length = rec == Recommendation.AUTO ? policy.quiet() : policy.delayed();
    String key = rec == Recommendation.AUTO ? "auto_merge_quiet_hours" : "delayed_merge_hours";
    Instant now = clock.instant();
    Instant start = pr.createdAt() == null ? now : pr.createdAt();
    if (!now.isBefore(start.plus(length)) && !pr.headSha().isEmpty()) {
      Optional<Instant> committed = merges.committedAt(pr.headSha());
      if (committed.isPresent() && committed.get().isAfter(start)) {
        start = committed.get();
      }
    }
    Instant due = start.plus(length);
    if (now.isBefore(due)) {
      return Optional.of(
          result(
              GateResult.Kind.WAIT,
              pr.url()
                  + " may merge by itself after "
                  + due
                  + " ("
                  + key
                  + " = "
                  + length.toHours()
                  + ")"));
    }
    return Optional.empty();
  }

  /** Red or pending checks stop the merge; no checks at all stop it when nothing tested here. */
  private Optional<GateResult> checks(PullRequest pr, boolean testedHere) {
    List<Merges.Check> all = merges.checks(pr.headSha());
    List<String> failed = new ArrayList<>();
    List<String> pending = new ArrayList<>();
    for (Merges.Check c : all) {
      String line = c.name() + " (" + c.detail() + ")";
      switch (c.state()) {
        case FAILURE -> failed.add(line);
        case PENDING -> pending.add(line);
        case SUCCESS -> {}
      }
    }
    if (!failed.isEmpty()) {
      return Optional.of(
          result(
              GateResult.Kind.RED,
              "not merged: checks failed on "
                  + pr.url()
                  + ": "
                  + String.join(", ", failed)
                  + "; fix them or close the PR"));
    }
    if (!pending.isEmpty()) {
      return Optional.of(
          result(
              GateResult.Kind.WAIT,
              "waiting for checks on " + pr.url() + ": " + String.join(", ", pending)));
    }
    if (all.isEmpty() && !testedHere) {
      return Optional.of(
          result(
              GateResult.Kind.HOLD,
              "held: no check ran on "
                  + pr.url()
                  + " and no test of it ran here (skipped, none collected or none started):"
                  + " merge it by hand"));
    }
    return Optional.empty();
  }

  private GateResult merge(PullRequest pr, UpdateRecord update) {
    Merges.MergeAnswer a = merges.merge(pr);
    Instant now = clock.instant();
    String version = update.version().toString();
    if (!a.merged()) {
      String why =
          "GitHub refused to merge "
              + pr.url()
              + " (HTTP "
              + a.status()
              + (a.message().isEmpty() ? "" : ": " + a.message())
              + ")"
              + (a.status() == 405 || a.status() == 409
                  ? ": branch protection or a moved head; merge it by hand"
                  : "");
      state.saveMerge(
          new MergeRecord(pr.url(), pr.headSha(), version, false, a.status(), why, now));
      return result(GateResult.Kind.REFUSED, why);
    }
    state.saveMerge(
        new MergeRecord(pr.url(), pr.headSha(), version, true, a.status(), a.message(), now));
    String branch;
    // A fork's branch is not ours to delete.
    if (!pr.headOwner().isEmpty() && !pr.headOwner().equalsIgnoreCase(pulls.repo().owner())) {
      branch = "branch kept: it is in " + pr.headOwner() + "'s fork";
    } else {
      try {
        branch =
            merges.deleteBranch(pr.headRef())
                ? "branch " + pr.headRef() + " deleted"
                : "branch " + pr.headRef() + " was gone already";
      } catch (GitHubError | GitHubFault e) {
        branch = "branch " + pr.headRef() + " not deleted: " + e.getMessage();
      }
    }
    return result(GateResult.Kind.MERGED, "merged " + pr.url() + " (" + branch + ")");
  }

  /**
   * Whether the tests ran here and gave a verdict: a run that was skipped, ran no test ({@code
   * unknown}), did not start or timed out tested nothing (the summary starts with the status).
   */
  private static boolean testedHere(UpdateRecord u) {
    if (u.tests() == null) {
      return false;
    }
    for (TestStatus s :
        List.of(
            TestStatus.SKIPPED, TestStatus.UNKNOWN, TestStatus.NOT_STARTED, TestStatus.TIMED_OUT)) {
      if (u.tests().startsWith(s.id().replace('_', ' ')) || u.tests().startsWith(s.id())) {
        return false;
      }
    }
    return true;
  }

  private static String shortSha(String sha) {
    return sha.length() > 7 ? sha.substring(0, 7) : sha;
  }

  private static GateResult result(GateResult.Kind kind, String message) {
    return new GateResult(kind, message);
  }
}

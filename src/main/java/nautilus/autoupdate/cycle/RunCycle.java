package nautilus.autoupdate.cycle;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import nautilus.autoupdate.Json;
import nautilus.autoupdate.UserError;
import nautilus.autoupdate.config.Channel;
import nautilus.autoupdate.detect.DetectedVersion;
import nautilus.autoupdate.detect.Detector;
import nautilus.autoupdate.detect.ReleaseNotesFetcher;
import nautilus.autoupdate.gate.GateResult;
import nautilus.autoupdate.impact.Decision;
import nautilus.autoupdate.impact.ImpactReport;
import nautilus.autoupdate.impact.Recommendation;
import nautilus.autoupdate.notify.Event;
import nautilus.autoupdate.notify.Notifications;
import nautilus.autoupdate.state.StateDb;
import nautilus.autoupdate.state.UpdateRecord;
import nautilus.autoupdate.state.UpdateStatus;
import nautilus.autoupdate.version.Version;

/**
 * One full cycle for cron or CI: detect, then for the newest version the channel follows (and not
 * yet handled): check, decide, update when the recommendation allows, record. Each step's result is
 * stored before the next starts, so a rerun after a crash continues where it stopped instead of
 * repeating work; the update step itself must tolerate being started twice (branch already there).
 * Updated pull requests are then put through the merge gate on this and every later run, until it
 * merges them, GitHub refuses, or they close.
 */
public final class RunCycle {

  /** Analyzes what upgrading to {@code target} does to our code (the {@code check} stage). */
  public interface AnalyzeStep {
    ImpactReport analyze(DetectedVersion target, Optional<Path> releaseNotes);
  }

  /** Performs the update on a branch and opens the PR (the {@code update} stage). */
  public interface UpdateStep {
    Outcome update(DetectedVersion target, ImpactReport report, Optional<Path> releaseNotes);

    /** Puts the pull request of an earlier update through the merge gate. */
    GateResult merge(UpdateRecord update, Recommendation recommendation);

    /** What {@link #update} would do, as lines for a dry run; reads only. */
    List<String> preview(DetectedVersion target, ImpactReport report, Optional<Path> releaseNotes);
  }

  /** Hands what the fixes leave to the coding agent (the {@code dispatch} stage). */
  public interface DispatchStep {
    /**
     * Whether the fixes leave sites of {@code report} at or above {@code dispatch_threshold}; reads
     * only.
     */
    boolean wanted(DetectedVersion target, ImpactReport report);

    /** Runs the agent on the update branch, making the branch first when it is missing. */
    Handover dispatch(DetectedVersion target, ImpactReport report, Optional<Path> releaseNotes);
  }

  /**
   * What the dispatch did: its outcome ({@code committed}, {@code nothing-left}, {@code guardrail},
   * ...), whether the agent's change is on the branch, and the branch as it is now.
   */
  public record Handover(String outcome, boolean committed, Outcome details) {}

  /**
   * What the update step left behind. {@code success}: the branch (and PR) is in place and the
   * update introduced no test failure.
   */
  public record Outcome(
      boolean success,
      String branch,
      String commitSha,
      String prUrl,
      String tests,
      String message) {}

  /** The steps after which a run's progress is stored; a crash after any of them resumes there. */
  public static final List<String> STEPS =
      List.of("detected", "targeted", "checked", "updating", "recorded", "merged");

  /** What one cycle did, for the command's output. */
  public record Result(
      Detector.Result detection,
      Optional<DetectedVersion> target,
      Optional<UpdateStatus> status,
      Optional<Recommendation> recommendation,
      List<String> messages) {}

  private final Detector detector;
  private final StateDb state;
  private final ReleaseNotesFetcher notes;
  private final AnalyzeStep analyze;
  private final UpdateStep update;
  private final DispatchStep dispatch;
  private final Clock clock;
  private final Consumer<String> checkpoint;
  private Notifications notify = Notifications.off();

  /**
   * @param analyze null when this build has no check stage: versions are then only detected
   * @param update null when this build has no update stage: versions are then analyzed and recorded
   *     as {@code reported}
   * @param checkpoint called with each name in {@link #STEPS} once that step's result is stored
   */
  public RunCycle(
      Detector detector,
      StateDb state,
      ReleaseNotesFetcher notes,
      AnalyzeStep analyze,
      UpdateStep update,
      Clock clock,
      Consumer<String> checkpoint) {
    this(detector, state, notes, analyze, update, null, clock, checkpoint);
  }

  /**
   * @param dispatch null when this run hands nothing to the coding agent (no update stage, or none
   *     wanted)
   */
  public RunCycle(
      Detector detector,
      StateDb state,
      ReleaseNotesFetcher notes,
      AnalyzeStep analyze,
      UpdateStep update,
      DispatchStep dispatch,
      Clock clock,
      Consumer<String> checkpoint) {
    this.dispatch = update == null ? null : dispatch;
    this.detector = detector;
    this.state = state;
    this.notes = notes;
    this.analyze = analyze;
    this.update = update;
    this.clock = clock;
    this.checkpoint = checkpoint;
  }

  /**
   * Tells people what this cycle does: the version detected, the pull request opened, failed tests,
   * a person needed, a block, a merge. Off unless set (dry runs never notify). Each event is
   * announced right after the record it reports is stored, and again (a no-op once sent) when a
   * rerun meets that record, so a crash between the two loses nothing.
   */
  public RunCycle notifying(Notifications notifications) {
    this.notify = notifications;
    return this;
  }

  /**
   * @param current the version the downstream project pins now (empty when unknown)
   * @param dryRun analyze and decide, but store nothing and do not update
   */
  public Result run(Channel channel, Optional<Version> current, boolean dryRun) {
    List<String> messages = new ArrayList<>();
    if (!dryRun) {
      // The first run of a day sends the digest of the days before (notify_mode = digest).
      notify.flushDigest().ifPresent(messages::add);
    }
    Detector.Result detection = detector.detect(channel, !dryRun);
    step("detected", dryRun);
    Map<Version, ImpactReport> reports = new HashMap<>();
    Result r = handle(channel, current, dryRun, detection, detection.target(), messages, reports);
    r = stepBack(channel, current, dryRun, detection, r, messages, reports);
    if (!dryRun && update != null) {
      // Also after a version was handled before: a window ends, or checks finish, on a later run.
      mergeDue(messages);
    }
    return r;
  }

  /**
   * When the version just handled is {@code blocked}, handles the newest detected version below
   * what blocks it (and above {@code current}) instead, again until one is not blocked: the
   * stepping stone a person can take today. Says what blocks the rest and the change that lifts it.
   */
  private Result stepBack(
      Channel channel,
      Optional<Version> current,
      boolean dryRun,
      Detector.Result detection,
      Result r,
      List<String> messages,
      Map<Version, ImpactReport> reports) {
    Result last = r;
    while (last.recommendation().orElse(null) == Recommendation.BLOCKED
        && last.target().isPresent()) {
      Version blockedVersion = last.target().get().version();
      ImpactReport report =
          Optional.ofNullable(reports.get(blockedVersion))
              .or(() -> storedReport(blockedVersion))
              .orElse(null);
      if (report == null) {
        return last;
      }
      List<Decision.Block> blocks = Decision.blocks(report);
      Version from = blockedFrom(blocks, blockedVersion);
      messages.add(blockedVersion + ": " + describe(blocks, blockedVersion));
      Version below = from;
      Optional<DetectedVersion> stone =
          detection.available().stream()
              .filter(d -> channel.accepts(d.version()))
              .filter(d -> d.version().compareTo(below) < 0)
              .filter(d -> current.isEmpty() || d.version().compareTo(current.get()) > 0)
              .findFirst();
      if (stone.isEmpty()) {
        messages.add(
            "no "
                + channel.id()
                + " version between "
                + current.map(Version::toString).orElse("the pin")
                + " and "
                + from
                + " is free of it: nothing to update to until it is lifted");
        return last;
      }
      messages.add(
          "stepping stone: "
              + stone.get().version()
              + " is the newest version that is not blocked by this");
      last = handle(channel, current, dryRun, detection, stone, messages, reports);
    }
    return last;
  }

  /** The first version the blocks of {@code blocked} apply to (never above it). */
  private static Version blockedFrom(List<Decision.Block> blocks, Version blocked) {
    Version from =
        blocks.stream().map(Decision.Block::from).min(Version::compareTo).orElse(blocked);
    return from.compareTo(blocked) > 0 ? blocked : from;
  }

  /**
   * What blocks {@code blocked} and the versions after it, and the change that lifts each block.
   */
  static String describe(List<Decision.Block> blocks, Version blocked) {
    StringBuilder sb = new StringBuilder("blocked from " + blockedFrom(blocks, blocked) + " on: ");
    for (int i = 0; i < blocks.size(); i++) {
      Decision.Block b = blocks.get(i);
      sb.append(i == 0 ? "" : "; ").append(b.why());
      if (b.unblock() != null) {
        sb.append(" (to unblock: ").append(b.unblock()).append(')');
      }
    }
    return sb.toString();
  }

  private Result handle(
      Channel channel,
      Optional<Version> current,
      boolean dryRun,
      Detector.Result detection,
      Optional<DetectedVersion> target,
      List<String> messages,
      Map<Version, ImpactReport> reports) {
    if (target.isEmpty()) {
      messages.add("no " + channel.id() + " version is listed by any source");
      return new Result(detection, target, Optional.empty(), Optional.empty(), messages);
    }
    DetectedVersion t = target.get();
    if (current.isPresent() && t.version().compareTo(current.get()) <= 0) {
      messages.add("up to date: " + current.get() + " is the newest " + channel.id() + " version");
      return new Result(detection, target, Optional.empty(), Optional.empty(), messages);
    }
    UpdateRecord rec =
        state
            .updateFor(t.version())
            .orElse(
                new UpdateRecord(
                    t.version(),
                    UpdateStatus.DETECTED,
                    null,
                    null,
                    null,
                    null,
                    null,
                    clock.instant()));
    if (rec.status() == UpdateStatus.NEEDS_PERSON
        && recommendationOf(t.version()).orElse(null) == Recommendation.BLOCKED
        && storedReport(t.version()).filter(r -> !fromPin(r, current)).isPresent()) {
      // The pin moved (a stepping stone merged): what blocked it may be lifted now.
      messages.add(
          t.version() + ": blocked from an older pin; checking it again on " + current.get());
      rec = rec.with(UpdateStatus.DETECTED, "checking again on " + current.get(), clock.instant());
    }
    if (rec.status().isFinal()) {
      messages.add(t.version() + " was handled before (" + rec.status().id() + ")");
      if (!dryRun) {
        // Repeats only what an earlier run could not deliver; sent events are skipped by key.
        tell(Event.detected(t.version(), channel.id(), t.publishedAt(), clock.instant()), messages);
        announce(rec, false, messages);
      }
      return new Result(
          detection, target, Optional.of(rec.status()), recommendationOf(t.version()), messages);
    }
    save(rec, dryRun);
    if (!dryRun) {
      tell(Event.detected(t.version(), channel.id(), t.publishedAt(), clock.instant()), messages);
    }
    step("targeted", dryRun);

    // A report made against another pin is stale: the range of release notes differs.
    ImpactReport report = storedReport(t.version()).filter(r -> fromPin(r, current)).orElse(null);
    if (report == null && analyze == null) {
      messages.add(t.version() + ": detected; this build has no check stage, so it stops here");
      return new Result(detection, target, Optional.of(rec.status()), Optional.empty(), messages);
    }
    // Fetched at most once per run: the check reads the notes and the PR quotes them.
    Supplier<Optional<Path>> releaseNotes = once(() -> notes.notesFor(t));
    if (report == null) {
      report = analyze.analyze(t, releaseNotes.get());
      if (!dryRun) {
        state.saveImpactReport(t.version(), report.recommendation().id(), toJson(report));
        rec = rec.with(UpdateStatus.CHECKED, "analyzed", clock.instant());
        save(rec, false);
      }
    } else {
      messages.add("reusing the stored impact report for " + t.version());
    }
    step("checked", dryRun);
    reports.put(t.version(), report);
    Recommendation recommendation = report.recommendation();
    messages.add(t.version() + ": recommendation " + recommendation.id());

    boolean allowed = UpdatePolicy.updates(recommendation);
    boolean agent =
        dispatch != null && UpdatePolicy.agentMayTake(recommendation) && dispatch.wanted(t, report);
    if (dryRun) {
      messages.add(
          "dry run: would "
              + (agent
                  ? "hand what the fixes leave to the coding agent (dispatch)"
                  : !allowed
                      ? "hand it to a person"
                      : update == null ? "record the report" : "update")
              + "; nothing was changed");
      if (allowed && update != null) {
        messages.addAll(update.preview(t, report, releaseNotes.get()));
      }
      return new Result(
          detection, target, Optional.of(rec.status()), Optional.of(recommendation), messages);
    }
    if (!allowed && !agent) {
      rec =
          rec.with(
              UpdateStatus.NEEDS_PERSON,
              recommendation == Recommendation.BLOCKED
                  ? describe(Decision.blocks(report), t.version())
                  : "recommendation " + recommendation.id(),
              clock.instant());
    } else if (update == null) {
      rec = rec.with(UpdateStatus.REPORTED, "no update stage in this run", clock.instant());
    } else {
      rec = rec.with(UpdateStatus.UPDATING, "update started", clock.instant());
      save(rec, false);
      step("updating", false);
      Outcome o = null;
      try {
        if (allowed) {
          o = update.update(t, report, releaseNotes.get());
          rec = recordOf(t.version(), o, o.success() ? UpdateStatus.UPDATED : UpdateStatus.FAILED);
        }
        // After an update that broke tests or left sites the agent's are at or above the
        // threshold; the record stays "updating" until the dispatch ends, so a crash resumes it.
        if (dispatch != null && (agent || !o.success() || dispatch.wanted(t, report))) {
          save(rec.with(UpdateStatus.UPDATING, "dispatch started", clock.instant()), false);
          rec = dispatched(rec, o, dispatch.dispatch(t, report, releaseNotes.get()));
        }
      } catch (UserError e) {
        save(rec.with(UpdateStatus.FAILED, e.getMessage(), clock.instant()), false);
        throw e;
      }
    }
    save(rec, false);
    announce(rec, true, messages);
    step("recorded", false);
    messages.add(
        t.version()
            + ": "
            + rec.status().id()
            + (rec.prUrl() == null ? "" : " " + rec.prUrl())
            + (rec.message() != null
                    && (rec.status() == UpdateStatus.FAILED || rec.message().startsWith("agent"))
                ? " (" + rec.message() + ")"
                : ""));
    return new Result(
        detection, target, Optional.of(rec.status()), Optional.of(recommendation), messages);
  }

  private UpdateRecord recordOf(Version v, Outcome o, UpdateStatus status) {
    return new UpdateRecord(
        v, status, o.branch(), o.commitSha(), o.prUrl(), o.tests(), o.message(), clock.instant());
  }

  /**
   * The record after a dispatch: {@code dispatched} when the agent's change is committed (a person
   * reviews it; the gate leaves it alone), the update's own record when nothing was left for the
   * agent, else {@code needs-person} with what the agent ended in.
   */
  private UpdateRecord dispatched(UpdateRecord rec, Outcome updated, Handover h) {
    Outcome d = h.details();
    if (h.committed()) {
      return recordOf(
          rec.version(),
          new Outcome(
              true, d.branch(), d.commitSha(), d.prUrl(), d.tests(), "agent: " + d.message()),
          UpdateStatus.DISPATCHED);
    }
    if (h.outcome().equals("nothing-left") && updated != null) {
      return rec;
    }
    Outcome kept =
        new Outcome(
            false,
            d.branch() != null ? d.branch() : rec.branch(),
            rec.commitSha(),
            d.prUrl() != null ? d.prUrl() : rec.prUrl(),
            d.tests() != null ? d.tests() : rec.tests(),
            "agent " + h.outcome() + ": " + d.message());
    return recordOf(rec.version(), kept, UpdateStatus.NEEDS_PERSON);
  }

  /**
   * Puts each updated PR whose recommendation allows a merge through the gate. A final verdict
   * (merged, refused, closed) moves the record on, so it is done once; waiting and holds leave it
   * {@code updated} for the next run.
   */
  private void mergeDue(List<String> messages) {
    for (UpdateRecord u : state.updates()) {
      if (u.status() != UpdateStatus.UPDATED || u.prUrl() == null) {
        continue;
      }
      Optional<Recommendation> rec = recommendationOf(u.version());
      if (rec.isEmpty() || !UpdatePolicy.updates(rec.get())) {
        continue;
      }
      UpdateRecord next;
      try {
        GateResult g = update.merge(u, rec.get());
        messages.add(u.version() + ": " + g.message());
        if (!g.isFinal()) {
          continue;
        }
        next =
            u.with(
                switch (g.kind()) {
                  case MERGED -> UpdateStatus.MERGED;
                  case CLOSED -> UpdateStatus.PR_CLOSED;
                  default -> UpdateStatus.NEEDS_PERSON;
                },
                g.message(),
                clock.instant());
      } catch (UserError e) {
        next =
            u.with(UpdateStatus.NEEDS_PERSON, "merge failed: " + e.getMessage(), clock.instant());
        messages.add(u.version() + ": " + next.status().id() + ": " + next.message());
      }
      save(next, false);
      announce(next, true, messages);
      step("merged", false);
    }
  }

  /**
   * The event a stored record reports, if any. {@code fresh}: the record was made by this run (a PR
   * that was announced before is then one that got new commits); otherwise it is a rerun meeting
   * it, which only repeats what may have been lost (sent ones are skipped by their key).
   */
  private void announce(UpdateRecord rec, boolean fresh, List<String> messages) {
    Version v = rec.version();
    java.time.Instant now = clock.instant();
    Event e =
        switch (rec.status()) {
          case UPDATED -> {
            if (rec.prUrl() == null) {
              yield null;
            }
            Event opened = Event.prOpened(v, rec.prUrl(), rec.tests(), now);
            yield fresh && notify.wasSent(opened.key())
                ? Event.prUpdated(v, rec.prUrl(), rec.commitSha(), rec.tests(), now)
                : opened;
          }
          // Without test results the update stopped on an error, told as the run's crash.
          case FAILED ->
              rec.tests() == null
                  ? null
                  : Event.testsFailed(v, rec.tests(), rec.message(), rec.prUrl(), now);
          case DISPATCHED -> Event.agentDone(v, rec.message(), rec.prUrl(), now);
          // One agent run's failure: keyed by when it was recorded, so a rerun does not repeat it.
          case NEEDS_PERSON ->
              rec.message() != null && rec.message().startsWith("agent ")
                  ? Event.agentFailed(v, rec.updatedAt().toString(), rec.message(), now)
                      .withUrl(rec.prUrl())
                  : personNeeded(rec, now);
          case MERGED -> Event.merged(v, rec.prUrl(), now);
          default -> null;
        };
    if (e != null) {
      tell(e, messages);
    }
  }

  /** {@code blocked} says what blocks it and what lifts it; the rest asks for a person. */
  private Event personNeeded(UpdateRecord rec, java.time.Instant now) {
    Version v = rec.version();
    Optional<ImpactReport> report = storedReport(v);
    List<String> actions =
        report.map(r -> r.actions().stream().map(a -> a.text()).toList()).orElse(List.of());
    if (report.map(r -> r.recommendation() == Recommendation.BLOCKED).orElse(false)) {
      return Event.blocked(v, rec.message(), actions, now);
    }
    String why =
        report
            .map(
                r ->
                    "recommendation "
                        + r.recommendation().id()
                        + ": confidence "
                        + r.confidenceScore()
                        + " ("
                        + r.confidenceLevel().name().toLowerCase(java.util.Locale.ROOT)
                        + "), "
                        + r.affectedFiles().size()
                        + " affected file(s), "
                        + r.totalAffectedLines()
                        + " line(s)"
                        + (rec.message() == null || rec.message().startsWith("recommendation")
                            ? ""
                            : "; " + rec.message()))
            .orElse(rec.message());
    return Event.manual(v, why, actions, now).withUrl(rec.prUrl());
  }

  private void tell(Event e, List<String> messages) {
    switch (notify.send(e)) {
      case SENT -> messages.add("notified: " + e.type().id() + " " + e.key());
      case QUEUED -> messages.add("queued for the digest: " + e.key());
      case FAILED -> messages.add("not notified (every channel failed): " + e.key());
      default -> {}
    }
  }

  private static <T> Supplier<T> once(Supplier<T> s) {
    List<T> memo = new ArrayList<>(1);
    return () -> {
      if (memo.isEmpty()) {
        memo.add(s.get());
      }
      return memo.get(0);
    };
  }

  private Optional<ImpactReport> storedReport(Version v) {
    return state
        .impactReportJson(v)
        .map(
            json -> {
              try {
                return Json.mapper().readValue(json, ImpactReport.class);
              } catch (JsonProcessingException e) {
                throw new UserError(
                    "the stored impact report for "
                        + v
                        + " in "
                        + state.file()
                        + " is unreadable ("
                        + e.getOriginalMessage()
                        + ")",
                    e);
              }
            });
  }

  /** Whether {@code r} was made from the version pinned now (unknown pins count as the same). */
  private static boolean fromPin(ImpactReport r, Optional<Version> current) {
    return current.isEmpty()
        || r.previousVersion() == null
        || r.previousVersion().equals(current.get());
  }

  private Optional<Recommendation> recommendationOf(Version v) {
    return state
        .recommendation(v)
        .flatMap(
            id -> {
              for (Recommendation r : Recommendation.values()) {
                if (r.id().equals(id)) {
                  return Optional.of(r);
                }
              }
              return Optional.empty();
            });
  }

  private static String toJson(ImpactReport r) {
    try {
      return Json.mapper().writeValueAsString(r);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize an impact report", e);
    }
  }

  private void save(UpdateRecord r, boolean dryRun) {
    if (!dryRun) {
      state.saveUpdate(r);
    }
  }

  private void step(String name, boolean dryRun) {
    if (!dryRun) {
      checkpoint.accept(name);
    }
  }
}

package nautilus.autoupdate.detect;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import nautilus.autoupdate.Json;
import nautilus.autoupdate.UserError;
import nautilus.autoupdate.config.Channel;
import nautilus.autoupdate.impact.ImpactReport;
import nautilus.autoupdate.impact.Recommendation;
import nautilus.autoupdate.state.StateDb;
import nautilus.autoupdate.state.UpdateRecord;
import nautilus.autoupdate.state.UpdateStatus;
import nautilus.autoupdate.version.Version;

/**
 * One full cycle for cron or CI: detect, then for the newest version the channel follows (and not
 * yet handled): check, decide, update when the recommendation allows, record. Each step's result is
 * stored before the next starts, so a rerun after a crash continues where it stopped instead of
 * repeating work; the update step itself must tolerate being started twice (branch already there).
 */
public final class RunCycle {

  /** Analyzes what upgrading to {@code target} does to our code (the {@code check} stage). */
  public interface AnalyzeStep {
    ImpactReport analyze(DetectedVersion target, Optional<Path> releaseNotes);
  }

  /** Performs the update on a branch and opens the PR (the {@code update} stage). */
  public interface UpdateStep {
    Outcome update(DetectedVersion target, ImpactReport report);
  }

  /** What the update step left behind. */
  public record Outcome(
      String branch, String commitSha, String prUrl, String tests, String message) {}

  /** The steps after which a run's progress is stored; a crash after any of them resumes there. */
  public static final List<String> STEPS =
      List.of("detected", "targeted", "checked", "updating", "recorded");

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
  private final Clock clock;
  private final Consumer<String> checkpoint;

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
    this.detector = detector;
    this.state = state;
    this.notes = notes;
    this.analyze = analyze;
    this.update = update;
    this.clock = clock;
    this.checkpoint = checkpoint;
  }

  /**
   * @param current the version the downstream project pins now (empty when unknown)
   * @param dryRun analyze and decide, but store nothing and do not update
   */
  public Result run(Channel channel, Optional<Version> current, boolean dryRun) {
    List<String> messages = new ArrayList<>();
    Detector.Result detection = detector.detect(channel, !dryRun);
    step("detected", dryRun);
    Optional<DetectedVersion> target = detection.target();
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
    if (rec.status().isFinal()) {
      messages.add(t.version() + " was handled before (" + rec.status().id() + ")");
      return new Result(
          detection, target, Optional.of(rec.status()), recommendationOf(t.version()), messages);
    }
    save(rec, dryRun);
    step("targeted", dryRun);

    ImpactReport report = storedReport(t.version()).orElse(null);
    if (report == null && analyze == null) {
      messages.add(t.version() + ": detected; this build has no check stage, so it stops here");
      return new Result(detection, target, Optional.of(rec.status()), Optional.empty(), messages);
    }
    if (report == null) {
      report = analyze.analyze(t, notes.notesFor(t));
      if (!dryRun) {
        state.saveImpactReport(t.version(), report.recommendation().id(), toJson(report));
        rec = rec.with(UpdateStatus.CHECKED, "analyzed", clock.instant());
        save(rec, false);
      }
    } else {
      messages.add("reusing the stored impact report for " + t.version());
    }
    step("checked", dryRun);
    Recommendation recommendation = report.recommendation();
    messages.add(t.version() + ": recommendation " + recommendation.id());

    boolean allowed =
        recommendation == Recommendation.AUTO || recommendation == Recommendation.DELAYED;
    if (dryRun) {
      messages.add(
          "dry run: would "
              + (!allowed ? "hand it to a person" : update == null ? "record the report" : "update")
              + "; nothing was changed");
      return new Result(
          detection, target, Optional.of(rec.status()), Optional.of(recommendation), messages);
    }
    if (!allowed) {
      rec =
          rec.with(
              UpdateStatus.NEEDS_PERSON, "recommendation " + recommendation.id(), clock.instant());
    } else if (update == null) {
      rec = rec.with(UpdateStatus.REPORTED, "no update stage in this build", clock.instant());
    } else {
      rec = rec.with(UpdateStatus.UPDATING, "update started", clock.instant());
      save(rec, false);
      step("updating", false);
      try {
        Outcome o = update.update(t, report);
        rec =
            new UpdateRecord(
                t.version(),
                UpdateStatus.UPDATED,
                o.branch(),
                o.commitSha(),
                o.prUrl(),
                o.tests(),
                o.message(),
                clock.instant());
      } catch (UserError e) {
        save(rec.with(UpdateStatus.FAILED, e.getMessage(), clock.instant()), false);
        throw e;
      }
    }
    save(rec, false);
    step("recorded", false);
    messages.add(
        t.version() + ": " + rec.status().id() + (rec.prUrl() == null ? "" : " " + rec.prUrl()));
    return new Result(
        detection, target, Optional.of(rec.status()), Optional.of(recommendation), messages);
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

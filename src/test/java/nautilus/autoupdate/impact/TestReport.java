package nautilus.autoupdate.impact;

import java.time.Instant;
import java.util.List;
import nautilus.autoupdate.notes.BreakingChange;
import nautilus.autoupdate.version.Version;

/**
 * Impact reports for tests, through the one canonical constructor: a test names only what it is
 * about. Defaults: nothing breaks, score 90 (its level follows the score), {@code AUTO} (auto
 * update follows the recommendation unless set), no actions, generated 2026-01-01, no API diff,
 * nothing unread, no cap, no review item.
 */
public final class TestReport {
  private final Version version;
  private final Version previous;
  private List<BreakingChange> changes = List.of();
  private List<AffectedFile> files = List.of();
  private int lines;
  private int score = 90;
  private ConfidenceLevel level;
  private Boolean canAutoUpdate;
  private Recommendation recommendation = Recommendation.AUTO;
  private List<Action> actions = List.of();
  private Instant generatedAt = Instant.parse("2026-01-01T00:00:00Z");

  private TestReport(Version version, Version previous) {
    this.version = version;
    this.previous = previous;
  }

  /** A report of the upgrade from {@code previous} to {@code version}. */
  public static TestReport of(Version version, Version previous) {
    return new TestReport(version, previous);
  }

  /** The same from version strings. */
  public static TestReport of(String version, String previous) {
    return of(Version.parse(version), Version.parse(previous));
  }

  public TestReport changes(List<BreakingChange> changes) {
    this.changes = changes;
    return this;
  }

  public TestReport files(List<AffectedFile> files) {
    this.files = files;
    return this;
  }

  public TestReport lines(int lines) {
    this.lines = lines;
    return this;
  }

  /** The score; the level is {@link ConfidenceLevel#of} it unless {@link #level} says otherwise. */
  public TestReport score(int score) {
    this.score = score;
    return this;
  }

  public TestReport level(ConfidenceLevel level) {
    this.level = level;
    return this;
  }

  /** The recommendation; auto update is whether it is {@code AUTO} unless set. */
  public TestReport recommendation(Recommendation recommendation) {
    this.recommendation = recommendation;
    return this;
  }

  public TestReport canAutoUpdate(boolean canAutoUpdate) {
    this.canAutoUpdate = canAutoUpdate;
    return this;
  }

  public TestReport actions(List<Action> actions) {
    this.actions = actions;
    return this;
  }

  public TestReport generatedAt(Instant generatedAt) {
    this.generatedAt = generatedAt;
    return this;
  }

  public ImpactReport build() {
    return new ImpactReport(
        version,
        previous,
        changes,
        files,
        lines,
        score,
        level == null ? ConfidenceLevel.of(score) : level,
        canAutoUpdate == null ? recommendation == Recommendation.AUTO : canAutoUpdate,
        recommendation,
        actions,
        generatedAt,
        null,
        null,
        List.of(),
        List.of(),
        List.of());
  }
}

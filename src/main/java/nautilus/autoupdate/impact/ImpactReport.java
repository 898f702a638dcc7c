package nautilus.autoupdate.impact;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import nautilus.autoupdate.code.UnreadFile;
import nautilus.autoupdate.notes.BreakingChange;
import nautilus.autoupdate.version.Version;

/**
 * What an upgrade from {@code previousVersion} to {@code version} does to our code. {@code apiDiff}
 * says what the API diff of the two versions added (null when the analysis had none to ask); {@code
 * currentVersionSource} where {@code previousVersion} was read ({@code uv.lock}, {@code
 * pyproject.toml}, {@code .venv (installed)}, {@code git pin <sha>}, {@code --from}; null in
 * reports written before it existed); {@code unread} what under the source dirs could not be read
 * in full; {@code caps} why the recommendation is no higher than it is ({@link FailClosed}); {@code
 * reviews} the behavior notes that touch our code (never affected files or sites). {@code groups}
 * is derived (written to JSON, ignored when read back): the sites by cause.
 */
@JsonIgnoreProperties(
    value = {"groups"},
    allowGetters = true)
public record ImpactReport(
    Version version,
    Version previousVersion,
    List<BreakingChange> breakingChanges,
    List<AffectedFile> affectedFiles,
    int totalAffectedLines,
    int confidenceScore,
    ConfidenceLevel confidenceLevel,
    boolean canAutoUpdate,
    Recommendation recommendation,
    List<Action> actions,
    Instant generatedAt,
    @JsonInclude(JsonInclude.Include.NON_NULL) ApiDiffSummary apiDiff,
    @JsonInclude(JsonInclude.Include.NON_NULL) String currentVersionSource,
    List<UnreadFile> unread,
    List<String> caps,
    List<Review> reviews) {

  public ImpactReport {
    breakingChanges = List.copyOf(breakingChanges);
    affectedFiles = List.copyOf(affectedFiles);
    actions = List.copyOf(actions);
    // Reports saved by older versions have neither.
    unread = unread == null ? List.of() : List.copyOf(unread);
    caps = caps == null ? List.of() : List.copyOf(caps);
    reviews = reviews == null ? List.of() : List.copyOf(reviews);
  }

  /** The sites grouped by cause, biggest group first ({@link SiteGroup#of}). */
  @JsonProperty("groups")
  public List<SiteGroup> groups() {
    return SiteGroup.of(breakingChanges, affectedFiles);
  }
}

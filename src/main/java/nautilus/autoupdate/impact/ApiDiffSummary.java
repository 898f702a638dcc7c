package nautilus.autoupdate.impact;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * What the API diff of the two versions added to a report. {@code used} is whether a diff was made;
 * {@code breaks} how many breaks it found between the versions and {@code undocumented} how many of
 * them no release note covers; {@code notInNotes} indexes the breaking changes of the report that
 * come from the diff, reach our code and no note covers ("breaks not in the release notes"); {@code
 * skipped} what the diff could not read; {@code unavailable} why no diff was made; {@code cleared}
 * the note sites the models of both versions showed to resolve identically ({@link ModelJudge}),
 * taken out of the affected files and listed here so none disappears silently; {@code sources}
 * where each version's model came from ("pypi wheel", "nautech index", "github tarball v1.200.0");
 * {@code notesEnd} the newest release the notes have when the target lies past them (2.0.0rc7 with
 * notes up to 1.231.0): the diff is then the only source of the target's breaks.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "used",
  "breaks",
  "undocumented",
  "not_in_notes",
  "skipped",
  "unavailable",
  "sources",
  "notes_end",
  "cleared"
})
public record ApiDiffSummary(
    boolean used,
    int breaks,
    int undocumented,
    List<Integer> notInNotes,
    List<String> skipped,
    String unavailable,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Cleared> cleared,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) java.util.Map<String, String> sources,
    String notesEnd) {
  public ApiDiffSummary {
    notInNotes = notInNotes == null ? List.of() : List.copyOf(notInNotes);
    skipped = skipped == null ? List.of() : List.copyOf(skipped);
    cleared = cleared == null ? List.of() : List.copyOf(cleared);
    sources = sources == null ? java.util.Map.of() : new java.util.LinkedHashMap<>(sources);
  }

  /** A summary of a target the notes reach ({@code notesEnd} null). */
  public ApiDiffSummary(
      boolean used,
      int breaks,
      int undocumented,
      List<Integer> notInNotes,
      List<String> skipped,
      String unavailable,
      List<Cleared> cleared,
      java.util.Map<String, String> sources) {
    this(used, breaks, undocumented, notInNotes, skipped, unavailable, cleared, sources, null);
  }

  /** The same summary listing {@code sites} as cleared. */
  public ApiDiffSummary withCleared(List<Cleared> sites) {
    return new ApiDiffSummary(
        used, breaks, undocumented, notInNotes, skipped, unavailable, sites, sources, notesEnd);
  }

  /** The same summary saying the notes end at {@code newest}, before the target. */
  public ApiDiffSummary withNotesEnd(String newest) {
    return new ApiDiffSummary(
        used, breaks, undocumented, notInNotes, skipped, unavailable, cleared, sources, newest);
  }

  /**
   * The same summary, for a check whose notes were judged on the target's model alone ({@link
   * ModelJudge#judgeOnTarget}): {@code sources} names that version, {@code cleared} its sites.
   */
  public ApiDiffSummary withTargetModel(String version, List<Cleared> sites) {
    java.util.Map<String, String> s = new java.util.LinkedHashMap<>(sources);
    s.putIfAbsent(version, "target model only");
    return new ApiDiffSummary(
        used, breaks, undocumented, notInNotes, skipped, unavailable, sites, s);
  }

  /**
   * A note's site that is not a break: where it was ({@code cell} for notebooks), the change that
   * reached it, and what both versions' models say of the use there.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"path", "line", "cell", "change", "why"})
  public record Cleared(String path, int line, Integer cell, int change, String why) {}
}

package nautilus.autoupdate.impact;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * What the API diff of the two versions added to a report. {@code used} is whether a diff was made;
 * {@code breaks} how many breaks it found between the versions and {@code undocumented} how many of
 * them no release note covers; {@code notInNotes} indexes the breaking changes of the report that
 * come from the diff, reach our code and no note covers ("breaks not in the release notes"); {@code
 * skipped} what the diff could not read; {@code unavailable} why no diff was made.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"used", "breaks", "undocumented", "not_in_notes", "skipped", "unavailable"})
public record ApiDiffSummary(
    boolean used,
    int breaks,
    int undocumented,
    List<Integer> notInNotes,
    List<String> skipped,
    String unavailable) {
  public ApiDiffSummary {
    notInNotes = notInNotes == null ? List.of() : List.copyOf(notInNotes);
    skipped = skipped == null ? List.of() : List.copyOf(skipped);
  }
}

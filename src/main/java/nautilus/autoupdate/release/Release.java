package nautilus.autoupdate.release;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import nautilus.autoupdate.version.Version;

/**
 * One release and its notes. {@code date} is empty for the unreleased top section ("Released on
 * TBD"). {@code source} names where it was read (file path or URL), for error messages and reports.
 * {@code gaps} says why its notes may be incomplete (a section cut off, an entry without breaking
 * changes): an update through it is never judged on those notes alone.
 */
public record Release(
    Version version,
    Optional<LocalDate> date,
    List<NotesSection> sections,
    String source,
    List<String> gaps) {
  public Release {
    sections = List.copyOf(sections);
    date = date == null ? Optional.empty() : date;
    gaps = gaps == null ? List.of() : List.copyOf(gaps);
  }

  /** A release whose notes are complete as far as its source can tell. */
  public Release(
      Version version, Optional<LocalDate> date, List<NotesSection> sections, String source) {
    this(version, date, sections, source, List.of());
  }

  /** Whether the notes have a breaking-changes section (an empty one says "none"). */
  public boolean saysWhatBreaks() {
    return sections.stream().anyMatch(NotesSection::isBreaking);
  }

  public boolean isUnreleased() {
    return date.isEmpty();
  }

  public List<NoteItem> items(java.util.function.Predicate<NotesSection> which) {
    return sections.stream().filter(which).flatMap(s -> s.items().stream()).toList();
  }
}

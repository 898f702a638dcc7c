package nautilus.autoupdate.release;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import nautilus.autoupdate.version.Version;

/**
 * One release and its notes. {@code date} is empty for the unreleased top section ("Released on
 * TBD"). {@code source} names where it was read (file path or URL), for error messages and reports.
 */
public record Release(
    Version version, Optional<LocalDate> date, List<NotesSection> sections, String source) {
  public Release {
    sections = List.copyOf(sections);
    date = date == null ? Optional.empty() : date;
  }

  public boolean isUnreleased() {
    return date.isEmpty();
  }

  public List<NoteItem> items(java.util.function.Predicate<NotesSection> which) {
    return sections.stream().filter(which).flatMap(s -> s.items().stream()).toList();
  }
}

package nautilus.autoupdate.release;

import java.util.List;

/** A {@code ### Title} section of one release, e.g. "Breaking Changes" or "Deprecations". */
public record NotesSection(String title, List<NoteItem> items) {
  public NotesSection {
    items = List.copyOf(items);
  }

  public boolean isBreaking() {
    return title.trim().equalsIgnoreCase("Breaking Changes");
  }

  public boolean isDeprecations() {
    return title.trim().toLowerCase(java.util.Locale.ROOT).startsWith("deprecation");
  }
}

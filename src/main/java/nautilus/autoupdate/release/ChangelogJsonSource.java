package nautilus.autoupdate.release;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import nautilus.autoupdate.UserError;
import nautilus.autoupdate.release.n8n.N8nChangelog;
import nautilus.autoupdate.release.n8n.N8nChangelogIo;
import nautilus.autoupdate.version.Version;

/**
 * The N8N changelog JSON as a release source: its {@code stable_version} as one release with a
 * single "Breaking Changes" section. A plain-string entry is one item; a commit entry gives one
 * item per {@code BREAKING:} line of its message, or its title when the message marks none (the
 * workflow selected the commit as breaking). The release date is the day of the file's {@code
 * timestamp}.
 */
public final class ChangelogJsonSource implements ReleaseSource {
  private final Path file;

  public ChangelogJsonSource(Path file) {
    this.file = file;
  }

  @Override
  public String describe() {
    return file.toString();
  }

  @Override
  public List<Release> releases() {
    return List.of(toRelease(N8nChangelogIo.read(file), file.toString()));
  }

  /** The release a parsed changelog describes; {@code sourceName} appears in errors. */
  public static Release toRelease(N8nChangelog changelog, String sourceName) {
    String v = changelog.stableVersion();
    if (v == null) {
      throw new UserError(sourceName + ": missing 'stable_version' (expected e.g. \"v1.221.0\")");
    }
    Version version =
        Version.tryParse(v)
            .orElseThrow(
                () ->
                    new UserError(
                        sourceName
                            + ": 'stable_version' is not a version: '"
                            + v
                            + "' (expected e.g. \"v1.221.0\")"));
    List<NoteItem> items = new ArrayList<>();
    List<N8nChangelog.BreakingChangeEntry> entries =
        changelog.breakingChanges() == null ? List.of() : changelog.breakingChanges();
    for (int i = 0; i < entries.size(); i++) {
      N8nChangelog.BreakingChangeEntry e = entries.get(i);
      if (e.isPlain()) {
        items.add(new NoteItem(e.text().trim(), null, 0));
        continue;
      }
      List<String> marked = BreakingLines.extract(e.message());
      if (marked.isEmpty()) {
        String title = e.title() != null ? e.title() : firstLine(e.message());
        if (!title.isBlank()) {
          items.add(new NoteItem(title.trim(), null, 0));
        }
      } else {
        marked.forEach(t -> items.add(new NoteItem(t, null, 0)));
      }
    }
    if (changelog.breakingChanges() == null) {
      // No field is not "no breaking changes": the file does not say.
      return new Release(
          version,
          dateOf(changelog.timestamp()),
          List.of(),
          sourceName,
          List.of(
              sourceName
                  + " has no 'breaking_changes' for "
                  + version
                  + ": what breaks is unknown"));
    }
    return new Release(
        version,
        dateOf(changelog.timestamp()),
        List.of(new NotesSection("Breaking Changes", items)),
        sourceName);
  }

  private static Optional<LocalDate> dateOf(String timestamp) {
    if (timestamp == null) {
      return Optional.of(LocalDate.now(java.time.ZoneOffset.UTC));
    }
    try {
      return Optional.of(OffsetDateTime.parse(timestamp).toLocalDate());
    } catch (DateTimeParseException e) {
      // The stable version is released whatever the timestamp says; only the day is unknown.
      return Optional.of(LocalDate.now(java.time.ZoneOffset.UTC));
    }
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.split("\\r?\\n", 2)[0];
  }
}

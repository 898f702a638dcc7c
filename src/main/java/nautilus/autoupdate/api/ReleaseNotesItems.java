package nautilus.autoupdate.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nautilus.autoupdate.UserError;
import nautilus.autoupdate.release.NoteItem;
import nautilus.autoupdate.version.Version;

/**
 * The bullets of a RELEASES.md for the releases after {@code from} up to {@code to}, "Breaking
 * Changes" first, for {@link NotesLinker}. Deliberately small: only what linking needs; the release
 * stage's full reader replaces it once it lands.
 */
public final class ReleaseNotesItems {
  private static final Pattern RELEASE = Pattern.compile("^# NautilusTrader (\\S+)");

  private ReleaseNotesItems() {}

  public static List<NoteItem> read(Path file, Version from, Version to) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new UserError("cannot read release notes " + file + ": " + e.getMessage(), e);
    }
    List<NoteItem> breaking = new ArrayList<>();
    List<NoteItem> other = new ArrayList<>();
    boolean inRange = false;
    boolean inBreaking = false;
    boolean sawRelease = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      Matcher m = RELEASE.matcher(line);
      if (m.find()) {
        sawRelease = true;
        Version v = Version.tryParse(m.group(1)).orElse(null);
        inRange = v != null && v.compareTo(from) > 0 && v.compareTo(to) <= 0;
        continue;
      }
      if (line.startsWith("### ")) {
        inBreaking = line.substring(4).trim().equalsIgnoreCase("Breaking Changes");
        continue;
      }
      if (inRange && line.startsWith("- ")) {
        NoteItem item = new NoteItem(line.substring(2).trim(), null, i + 1);
        (inBreaking ? breaking : other).add(item);
      }
    }
    if (!sawRelease) {
      throw new UserError(
          "release notes "
              + file
              + " have no '# NautilusTrader <version>' headings (expected RELEASES.md)");
    }
    breaking.addAll(other);
    return breaking;
  }
}

package nautilus.autoupdate.update;

import java.util.ArrayList;
import java.util.List;
import nautilus.autoupdate.version.Version;

/**
 * The release-note lines worth quoting in a PR: the breaking changes and deprecations of one
 * release in a RELEASES.md, else its whole section, capped so the impact report keeps its room.
 */
public final class NotesExcerpt {
  static final int MAX_CHARS = 20_000;

  private NotesExcerpt() {}

  /** The excerpt for {@code version}, or null when the file has no section for it. */
  public static String fromReleasesMd(String markdown, Version version) {
    List<String> section = section(markdown.lines().toList(), version);
    if (section.isEmpty()) {
      return null;
    }
    List<String> picked = new ArrayList<>();
    boolean keep = false;
    for (String line : section) {
      if (line.startsWith("### ")) {
        String t = line.substring(4).strip().toLowerCase(java.util.Locale.ROOT);
        keep = t.startsWith("breaking") || t.startsWith("deprecation");
      }
      if (keep) {
        picked.add(line);
      }
    }
    List<String> lines = picked.isEmpty() ? section : picked;
    String text = String.join("\n", lines).strip();
    return text.length() <= MAX_CHARS ? text : text.substring(0, MAX_CHARS) + "\n[…]";
  }

  private static List<String> section(List<String> lines, Version version) {
    List<String> out = new ArrayList<>();
    boolean in = false;
    for (String line : lines) {
      if (line.startsWith("# ")) {
        if (in) {
          break;
        }
        in = headingVersion(line.substring(2)).map(version::equals).orElse(false);
        continue;
      }
      if (in) {
        out.add(line);
      }
    }
    return out;
  }

  private static java.util.Optional<Version> headingVersion(String heading) {
    for (String word : heading.split("\\s+")) {
      java.util.Optional<Version> v = Version.tryParse(word);
      if (v.isPresent()) {
        return v;
      }
    }
    return java.util.Optional.empty();
  }
}

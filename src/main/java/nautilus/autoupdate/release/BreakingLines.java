package nautilus.autoupdate.release;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the breaking changes a commit message marks: {@code BREAKING: text}, {@code - BREAKING:
 * text}, or a {@code BREAKING CHANGE:} header followed by bullets or a paragraph. Only the
 * upper-case marker counts; prose that merely says "breaking" is not a marker.
 */
public final class BreakingLines {
  private static final Pattern MARKER =
      Pattern.compile("^\\s*(?:[-*]\\s+)?BREAKING(?:[ _-]CHANGES?)?\\s*:\\s*(.*)$");
  private static final Pattern BULLET = Pattern.compile("^\\s*[-*]\\s+(.*)$");

  private BreakingLines() {}

  /** The marked breaking changes of one commit message, each continuation-joined, in order. */
  public static List<String> extract(String message) {
    List<String> out = new ArrayList<>();
    String[] lines = (message == null ? "" : message).split("\\r?\\n", -1);
    for (int i = 0; i < lines.length; i++) {
      Matcher m = MARKER.matcher(lines[i]);
      if (!m.matches()) {
        continue;
      }
      if (!m.group(1).isBlank()) {
        StringBuilder text = new StringBuilder(m.group(1).trim());
        while (i + 1 < lines.length && continues(lines[i + 1])) {
          text.append(' ').append(lines[++i].trim());
        }
        out.add(text.toString());
        continue;
      }
      // A header: the bullets (or the paragraph) below it, up to a blank line.
      StringBuilder paragraph = new StringBuilder();
      while (i + 1 < lines.length && !lines[i + 1].isBlank() && !isMarker(lines[i + 1])) {
        String next = lines[++i];
        Matcher b = BULLET.matcher(next);
        if (b.matches()) {
          flush(paragraph, out);
          paragraph.append(b.group(1).trim());
        } else {
          paragraph.append(paragraph.length() == 0 ? "" : " ").append(next.trim());
        }
      }
      flush(paragraph, out);
    }
    return out;
  }

  private static boolean continues(String line) {
    return !line.isBlank() && !BULLET.matcher(line).matches() && !isMarker(line);
  }

  private static boolean isMarker(String line) {
    return MARKER.matcher(line).matches();
  }

  private static void flush(StringBuilder paragraph, List<String> out) {
    if (paragraph.length() > 0) {
      out.add(paragraph.toString());
      paragraph.setLength(0);
    }
  }
}

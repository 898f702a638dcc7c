package nautilus.autoupdate.fix;

import java.util.List;
import nautilus.autoupdate.impact.Site;

/**
 * What happened to one site of a file: fixed (with the changed lines before and after, equal when
 * another edit of the same change covers it) or skipped with a reason. {@code newLine} and {@code
 * newColumn} locate the site in the edited content, for the re-check; {@code spans} are what its
 * edits wrote in the edited content (a covered site: its own identifier), so the proof can tell
 * whose edit made a use that does not resolve.
 */
record SiteResult(
    Site site,
    boolean fixed,
    boolean covered,
    String before,
    String after,
    String reason,
    int newLine,
    int newColumn,
    List<Span> spans) {

  /** A stretch of the edited content, 1-based lines and byte columns, end inclusive. */
  record Span(int startLine, int startColumn, int endLine, int endColumn) {
    boolean contains(int line, int column) {
      boolean afterStart = line > startLine || (line == startLine && column >= startColumn);
      boolean beforeEnd = line < endLine || (line == endLine && column <= endColumn);
      return afterStart && beforeEnd;
    }

    boolean touches(int line) {
      return line >= startLine && line <= endLine;
    }
  }

  SiteResult {
    spans = spans == null ? List.of() : List.copyOf(spans);
  }

  static SiteResult skipped(Site site, String reason) {
    return new SiteResult(
        site, false, false, null, null, reason, site.line(), site.column(), List.of());
  }
}

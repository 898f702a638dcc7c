package nautilus.autoupdate.report;

import nautilus.autoupdate.fix.FixResult;
import nautilus.autoupdate.fix.FixRun;
import nautilus.autoupdate.impact.ImpactReport;

/**
 * What {@code fix} prints: the result as JSON, the unified diff, or one line per site for a person.
 */
public final class FixText {
  private FixText() {}

  /** The output of {@code fix} in {@code format}; a dry run's text starts with its diff. */
  public static String output(
      Format format, FixRun run, ImpactReport report, boolean dryRun, boolean color) {
    return switch (format) {
      case JSON -> Style.json(run.result()) + "\n";
      case DIFF -> run.diff();
      default -> (dryRun ? run.diff() : "") + render(run.result(), report, dryRun, color);
    };
  }

  /** The text format: one line per fix and per site left over, then a summary. */
  public static String render(FixResult r, ImpactReport report, boolean dryRun, boolean color) {
    StringBuilder sb = new StringBuilder();
    for (FixResult.Applied a : r.applied()) {
      sb.append(Style.paint(color, "32", "fixed   "))
          .append(where(a.path(), a.cell(), a.line()))
          .append("  ")
          .append(oneLine(a.before()))
          .append(" -> ")
          .append(oneLine(a.after()))
          .append("  (")
          .append(note(report, a.change()))
          .append(")\n");
    }
    for (FixResult.Skipped s : r.skipped()) {
      sb.append(Style.paint(color, "33", "left    "))
          .append(where(s.path(), s.cell(), s.line()))
          .append("  ")
          .append(s.reason())
          .append("  (")
          .append(note(report, s.change()))
          .append(")\n");
    }
    sb.append(r.applied().size())
        .append(" site(s) fixed in ")
        .append(r.filesChanged())
        .append(" file(s)")
        .append(dryRun ? " (dry run: nothing written)" : "")
        .append("; ")
        .append(r.skipped().size())
        .append(" left for the agent or a person\n");
    return sb.toString();
  }

  private static String where(String path, Integer cell, int line) {
    return path + (cell == null ? "" : "[cell " + cell + "]") + ":" + line;
  }

  private static String note(ImpactReport report, int change) {
    if (change < 0 || change >= report.breakingChanges().size()) {
      return "change #" + change;
    }
    String text = report.breakingChanges().get(change).text();
    String v = String.valueOf(report.breakingChanges().get(change).version());
    // Release notes are upstream text: one line, no control characters, bounded length.
    String clean = text == null ? "" : text.replaceAll("\\p{Cntrl}", " ").strip();
    return v + ": " + (clean.length() > 100 ? clean.substring(0, 97) + "..." : clean);
  }

  private static String oneLine(String s) {
    return s == null || s.isEmpty() ? "(removed)" : s.strip().replaceAll("\\s*\\n\\s*", " | ");
  }
}

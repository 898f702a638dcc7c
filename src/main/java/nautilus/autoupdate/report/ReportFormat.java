package nautilus.autoupdate.report;

import java.util.Locale;
import nautilus.autoupdate.UserError;

/** The output formats of an impact report. */
public enum ReportFormat {
  /** For a person at a terminal. */
  TEXT,
  /** The {@code ImpactReport} record as snake_case JSON, for machines and later stages. */
  JSON,
  /** A pull-request body: summary table and one collapsible section per breaking change. */
  MARKDOWN;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ReportFormat of(String text) {
    for (ReportFormat f : values()) {
      if (f.id().equalsIgnoreCase(text == null ? "" : text.trim())) {
        return f;
      }
    }
    throw new UserError("unknown report format '" + text + "' (expected text, json or markdown)");
  }

  /** The renderer for this format; {@code color} only matters for text. */
  public ReportRenderer renderer(boolean color) {
    switch (this) {
      case JSON:
        return new JsonReport();
      case MARKDOWN:
        return new MarkdownReport();
      default:
        return new TextReport(color);
    }
  }
}

package nautilus.autoupdate.report;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import nautilus.autoupdate.UserError;

/** The output formats a command can print in; each command takes some of them. */
public enum Format {
  /** For a person at a terminal. */
  TEXT,
  /** One JSON document, for machines and later stages. */
  JSON,
  /** A pull-request body or a page. */
  MARKDOWN,
  /** A unified diff (fix). */
  DIFF;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The format named {@code text}, if {@code accepted} holds it; else a one-line error. */
  public static Format of(String text, List<Format> accepted) {
    for (Format f : accepted) {
      if (f.id().equalsIgnoreCase(text == null ? "" : text.trim())) {
        return f;
      }
    }
    throw new UserError("unknown --format '" + text + "' (expected " + names(accepted) + ")");
  }

  /** "text or json", "text, json or markdown". */
  public static String names(List<Format> formats) {
    List<String> ids = formats.stream().map(Format::id).toList();
    if (ids.size() == 1) {
      return ids.get(0);
    }
    return ids.subList(0, ids.size() - 1).stream().collect(Collectors.joining(", "))
        + " or "
        + ids.get(ids.size() - 1);
  }

  /** The impact report's renderer for this format (text, json, markdown). */
  public ReportFormat report() {
    return ReportFormat.valueOf(name());
  }
}

package nautilus.autoupdate.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import nautilus.autoupdate.Json;
import nautilus.autoupdate.notes.BreakingChange;
import nautilus.autoupdate.notes.ChangeKind;
import nautilus.autoupdate.notes.NotesParser;
import nautilus.autoupdate.version.Version;

/**
 * What {@code changes} prints: the breaking changes of every release after {@code from} up to
 * {@code to}, by version, as text, JSON or Markdown.
 *
 * @param pythonScope whether only the Python-facing changes were selected (said in the text title)
 */
public record ChangesReport(
    Version from, Version to, List<BreakingChange> changes, boolean pythonScope) {

  /** The output in {@code format} (text, json or markdown); {@code color} only matters for text. */
  public String render(Format format, boolean color) {
    return switch (format) {
      case JSON -> json();
      case MARKDOWN -> markdown();
      default -> text(color);
    };
  }

  private String json() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("from", from.toString());
    doc.put("to", to.toString());
    doc.put("changes", changes);
    try {
      return Json.mapper().writeValueAsString(doc) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize changes", e);
    }
  }

  private String text(boolean color) {
    StringBuilder sb = new StringBuilder();
    sb.append(bold(color, "Breaking changes after " + from + " up to " + to))
        .append(" (")
        .append(changes.size())
        .append(pythonScope ? ", Python scope" : "")
        .append(")\n");
    if (changes.isEmpty()) {
      sb.append("  none\n");
    }
    Version current = null;
    for (BreakingChange c : changes) {
      if (!c.version().equals(current)) {
        current = c.version();
        sb.append('\n').append(bold(color, current.toString())).append('\n');
      }
      String deprecation = NotesParser.isDeprecation(c) ? " deprecation" : "";
      sb.append("  ")
          .append(paint(color, kindColor(c.kind()), String.format("%-11s", c.kind().id())))
          .append(' ')
          .append(String.format("%-7s", c.scope().id()))
          .append(deprecation.isEmpty() ? "" : dim(color, "[deprecation] "))
          .append(c.text())
          .append('\n');
      for (int i = 0; i < c.old().size(); i++) {
        String n = c.replacementFor(i);
        sb.append("              ")
            .append(dim(color, n == null ? c.old().get(i) : c.old().get(i) + " -> " + n))
            .append('\n');
      }
      if (c.autoFixable()) {
        sb.append("              ").append(paint(color, "32", "auto-fixable")).append('\n');
      }
    }
    return sb.toString();
  }

  private String markdown() {
    StringBuilder sb = new StringBuilder();
    sb.append("## Breaking changes after ").append(from).append(" up to ").append(to).append("\n");
    if (changes.isEmpty()) {
      sb.append("\nNone.\n");
    }
    Version current = null;
    for (BreakingChange c : changes) {
      if (!Objects.equals(c.version(), current)) {
        current = c.version();
        sb.append("\n### ").append(current).append("\n\n");
      }
      sb.append("- **").append(c.kind().id()).append("** (").append(c.scope().id());
      if (NotesParser.isDeprecation(c)) {
        sb.append(", deprecation");
      }
      sb.append("): ").append(c.text().replace("\n", " "));
      for (int i = 0; i < c.old().size(); i++) {
        String n = c.replacementFor(i);
        sb.append(i == 0 ? " — " : ", ").append(code(c.old().get(i)));
        if (n != null) {
          sb.append(" → ").append(code(n));
        }
      }
      if (c.autoFixable()) {
        sb.append(" _(auto-fixable)_");
      }
      sb.append('\n');
      if (c.migration() != null) {
        sb.append("\n  ```\n");
        for (String line : c.migration().split("\n")) {
          sb.append("  ").append(line).append('\n');
        }
        sb.append("  ```\n");
      }
    }
    return sb.toString();
  }

  private static String code(String id) {
    return "`" + id.replace("`", "") + "`";
  }

  private static String kindColor(ChangeKind kind) {
    switch (kind) {
      case RENAME:
      case MOVE:
        return "36";
      case REMOVE:
      case SIGNATURE:
      case TYPE:
        return "31";
      default:
        return "33";
    }
  }

  private static String bold(boolean color, String s) {
    return paint(color, "1", s);
  }

  private static String dim(boolean color, String s) {
    return paint(color, "2", s);
  }

  private static String paint(boolean color, String code, String s) {
    return Style.paint(color, code, s);
  }
}

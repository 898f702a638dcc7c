package nautilus.autoupdate.report;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nautilus.autoupdate.api.ApiChange;
import nautilus.autoupdate.api.ApiDiffRun;
import nautilus.autoupdate.api.ApiSnapshots;
import nautilus.autoupdate.release.NoteItem;
import nautilus.autoupdate.version.Version;

/**
 * What {@code api-diff} prints: the breaks between two versions, grouped by type, each marked with
 * the release-notes line that mentions it or as undocumented; then the download figures.
 *
 * @param items the release-notes items the changes' {@code noteIndex} points into
 * @param millis how long the comparison took in all
 * @param stubs version to the directory its stubs were written to (empty: none asked for)
 */
public record ApiDiffReport(
    String packageName,
    Version from,
    Version to,
    ApiSnapshots.Comparison comparison,
    List<ApiChange> changes,
    List<NoteItem> items,
    long millis,
    Map<String, Object> stubs) {

  public static ApiDiffReport of(ApiDiffRun.Result r) {
    ApiDiffRun.Request q = r.request();
    return new ApiDiffReport(
        q.packageName(),
        q.from(),
        q.to(),
        r.comparison(),
        r.changes(),
        r.items(),
        r.millis(),
        r.stubs());
  }

  /** One JSON document and a newline. */
  public String json() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("package", packageName);
    out.put("from", from.toString());
    out.put("to", to.toString());
    out.put("sources", comparison.sources());
    out.put("skipped", comparison.skipped());
    out.put("changes", changes);
    out.put("notes", items);
    out.put("stats", stats());
    if (!stubs.isEmpty()) {
      out.put("stubs", stubs);
    }
    return Style.json(out) + "\n";
  }

  /** For a terminal; {@code verbose} adds each break's evidence. */
  public String text(boolean color, boolean verbose) {
    ApiSnapshots.Comparison c = comparison;
    StringBuilder out = new StringBuilder();
    long undocumented = changes.stream().filter(x -> !x.documented()).count();
    line(
        out,
        Style.paint(
            color,
            "1",
            "API diff "
                + packageName
                + " "
                + from
                + " -> "
                + to
                + ": "
                + changes.size()
                + " break(s), "
                + undocumented
                + " not in the release notes"
                + (c.cached() ? " (cached)" : "")));
    c.sources().forEach((v, s) -> line(out, "  " + v + " read from: " + String.join("; ", s)));
    for (String s : c.skipped()) {
      line(out, "  skipped: " + s);
    }
    ApiChange.Type current = null;
    for (ApiChange x : changes.stream().sorted(Comparator.comparing(ApiChange::type)).toList()) {
      if (x.type() != current) {
        current = x.type();
        line(out, "");
        line(out, Style.paint(color, "1", current.id().replace('_', ' ')));
      }
      String mark =
          x.documented()
              ? "[notes line " + items.get(x.noteIndex()).line() + "] "
              : Style.paint(color, "33", "[undocumented]") + " ";
      line(out, "  " + mark + x.change().text().replace("`", ""));
      if (x.change().migration() != null) {
        line(out, "      fix: " + x.change().migration());
      }
      if (verbose) {
        line(out, "      evidence: " + x.evidence());
      }
    }
    line(out, "");
    line(
        out,
        "fetched "
            + c.bytesDownloaded()
            + " bytes (whole files: "
            + c.bytesFullFiles()
            + " bytes) in "
            + c.downloadMillis()
            + " ms; total "
            + millis
            + " ms");
    stubs.forEach((v, dir) -> line(out, "stubs of " + v + ": " + dir));
    return out.toString();
  }

  private Map<String, Object> stats() {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("cached", comparison.cached());
    s.put("bytes_downloaded", comparison.bytesDownloaded());
    s.put("bytes_full_files", comparison.bytesFullFiles());
    s.put("download_millis", comparison.downloadMillis());
    s.put("total_millis", millis);
    return s;
  }

  private static void line(StringBuilder out, String s) {
    out.append(s).append('\n');
  }
}

package nautilus.autoupdate.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nautilus.autoupdate.impact.AffectedFile;
import nautilus.autoupdate.impact.ApiDiffSummary;
import nautilus.autoupdate.impact.ImpactReport;
import nautilus.autoupdate.impact.Site;
import nautilus.autoupdate.impact.SiteGroup;
import nautilus.autoupdate.notes.BreakingChange;

/** Views of a report that several renderers need: sites per change, counts, safe note text. */
final class ReportFacts {
  /** A site together with the file it is in. */
  record Located(String path, Site site) {}

  private ReportFacts() {}

  /** The sites of each breaking change, by change index, in file then line order. */
  static Map<Integer, List<Located>> sitesByChange(ImpactReport report) {
    Map<Integer, List<Located>> out = new TreeMap<>();
    for (AffectedFile f : report.affectedFiles()) {
      for (Site s : f.sites()) {
        out.computeIfAbsent(s.change(), k -> new ArrayList<>()).add(new Located(f.path(), s));
      }
    }
    return out;
  }

  /** Files touched by each change, for the summary table. */
  static Map<Integer, Integer> fileCountByChange(ImpactReport report) {
    Map<Integer, Integer> out = new LinkedHashMap<>();
    sitesByChange(report)
        .forEach(
            (change, sites) ->
                out.put(change, (int) sites.stream().map(Located::path).distinct().count()));
    return out;
  }

  /** The changes the API diff found reaching our code that no release note covers. */
  static List<Integer> notInNotes(ImpactReport report) {
    if (report.apiDiff() == null) {
      return List.of();
    }
    return report.apiDiff().notInNotes().stream().filter(i -> change(report, i) != null).toList();
  }

  /**
   * The groups the API diff found that no release note covers, biggest first; none when the notes
   * end before the target (then every break is the diff's, and the summary line says so).
   */
  static List<SiteGroup> groupsNotInNotes(ImpactReport report) {
    if (report.apiDiff() == null || report.apiDiff().notesEnd() != null) {
      return List.of();
    }
    java.util.Set<Integer> notInNotes = new java.util.HashSet<>(notInNotes(report));
    return report.groups().stream().filter(g -> notInNotes.containsAll(g.changes())).toList();
  }

  /** What the API diff found, or why there was none, in one line (after "API diff"). */
  static String apiDiffLine(ApiDiffSummary d) {
    if (!d.used()) {
      return "skipped: "
          + oneLine(d.unavailable())
          + (d.sources().isEmpty()
              ? ""
              : "; notes checked on the model of "
                  + String.join(", ", d.sources().keySet())
                  + (d.cleared().isEmpty()
                      ? ""
                      : ": " + d.cleared().size() + " note site(s) resolve there (review items)"));
    }
    return count(d.breaks(), "break")
        + " between the versions, "
        + d.undocumented()
        + " not in the release notes"
        + (d.skipped().isEmpty() ? "" : "; " + d.skipped().size() + " item(s) not read")
        + (d.cleared().isEmpty()
            ? ""
            : "; "
                + d.cleared().size()
                + " note site(s) cleared: they resolve the same on both versions")
        + (d.sources().isEmpty() ? "" : "; models: " + modelSources(d));
  }

  /** "1.199.0 from pypi wheel, 1.200.0 from github tarball v1.200.0". */
  static String modelSources(ApiDiffSummary d) {
    List<String> out = new java.util.ArrayList<>();
    d.sources().forEach((v, s) -> out.add(oneLine(v) + " from " + oneLine(s)));
    return String.join(", ", out);
  }

  /**
   * What the summary line adds when no model could serve: the report then rests on the notes alone,
   * which a reader must see first, not in a warning.
   */
  static String notesOnlyClause(ImpactReport r) {
    if (r.apiDiff() == null) {
      return "";
    }
    if (!r.apiDiff().used()) {
      String target = r.version().toString();
      return r.apiDiff().sources().containsKey(target)
          ? " [no API diff: notes checked on the " + target + " model only]"
          : " [notes only: no API diff]";
    }
    // Past the notes (2.0.0rc7, notes up to 1.231.0) every break is the diff's.
    return r.apiDiff().notesEnd() == null
        ? ""
        : " [API diff only: the release notes end at " + oneLine(r.apiDiff().notesEnd()) + "]";
  }

  /** "strategies/a.py:12" or "notebooks/r.ipynb cell 3:4": where a review item's use is. */
  static String reviewWhere(nautilus.autoupdate.impact.Review.Use u) {
    return u.path() + (u.cell() == null ? ":" : " cell " + u.cell() + ":") + u.line();
  }

  static int siteCount(ImpactReport report) {
    return report.affectedFiles().stream().mapToInt(f -> f.sites().size()).sum();
  }

  /** The change a site points at, or null when its index is out of range (a matcher bug). */
  static BreakingChange change(ImpactReport report, int index) {
    return index >= 0 && index < report.breakingChanges().size()
        ? report.breakingChanges().get(index)
        : null;
  }

  /**
   * Upstream text made safe for a terminal: control characters (an ESC could recolor or clear the
   * screen) become spaces, and line breaks collapse so one note stays on one line.
   */
  static String oneLine(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            cp ->
                sb.appendCodePoint(
                    Character.isISOControl(cp) || cp == 0x2028 || cp == 0x2029 ? ' ' : cp));
    return sb.toString().replaceAll(" {2,}", " ").trim();
  }

  /** Singular or plural noun with its count: "1 file", "3 files". */
  static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  /** "1 reaches", "2 reach": how many changes reach our code, as a clause. */
  static String reaching(int n) {
    return n + (n == 1 ? " reaches" : " reach");
  }

  /** Files the text and Markdown reports list site by site; the JSON report keeps them all. */
  static final int FILES_IN_DETAIL = 10;

  /** Causes the text and Markdown reports list; the JSON report's {@code groups} keeps them all. */
  static final int GROUPS_SHOWN = 25;

  /**
   * Review items (notes that name no API change the model can see) are counted apart from the
   * breaks: they are never sites.
   */
  static int reviewCount(ImpactReport report) {
    return report.reviews().size();
  }

  /** "12 breaks at 340 sites in 120 files": what the groups add up to, reviews not counted. */
  static String breaksLine(List<SiteGroup> groups, ImpactReport report) {
    int sites = groups.stream().mapToInt(SiteGroup::sites).sum();
    int withFix = groups.stream().mapToInt(SiteGroup::withFix).sum();
    return count(groups.size(), "break")
        + " at "
        + count(sites, "site")
        + " in "
        + count(report.affectedFiles().size(), "file")
        + ", "
        + withFix
        + " with a suggested fix; "
        + count(reviewCount(report), "review item")
        + " (counted apart)";
  }

  /** "… and 12 more files, see the JSON report" */
  static String more(int n, String noun) {
    return "… and " + n + " more " + noun + (n == 1 ? "" : "s") + ", see the JSON report";
  }
}

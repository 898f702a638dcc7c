package nautilus.autoupdate.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nautilus.autoupdate.code.UnreadFile;
import nautilus.autoupdate.impact.Action;
import nautilus.autoupdate.impact.AffectedFile;
import nautilus.autoupdate.impact.ImpactReport;
import nautilus.autoupdate.impact.SiteGroup;
import nautilus.autoupdate.notes.BreakingChange;

/**
 * A pull-request body (GitHub-flavored Markdown): a summary table, the breaks grouped by cause
 * (biggest first), the first affected files, then one collapsible {@code <details>} section per
 * breaking change that reaches our code, with its first sites. Release-note text is untrusted: it
 * is escaped so it can neither add markup, links, HTML nor mentions, and multi-line text is fenced
 * with a fence longer than any it contains.
 */
public final class MarkdownReport implements ReportRenderer {
  /** Site rows per change section; the JSON report keeps every site. */
  static final int ROWS_PER_CHANGE = 20;

  @Override
  public String render(ImpactReport r) {
    StringBuilder sb = new StringBuilder();
    Map<Integer, List<ReportFacts.Located>> byChange = ReportFacts.sitesByChange(r);
    sb.append("## nautilus_trader ")
        .append(r.previousVersion())
        .append(" → ")
        .append(r.version())
        .append(ReportFacts.notesOnlyClause(r))
        .append("\n\n");
    sb.append("| Check | Result |\n| --- | --- |\n");
    if (r.currentVersionSource() != null) {
      row(sb, "Current version from", inline(r.currentVersionSource(), true));
    }
    row(sb, "Confidence", r.confidenceScore() + "/100 (" + r.confidenceLevel().id() + ")");
    row(sb, "Recommendation", "**" + r.recommendation().id() + "**");
    row(sb, "Can auto-update", r.canAutoUpdate() ? "yes" : "no");
    row(
        sb,
        "Breaking changes",
        r.breakingChanges().size() + " (" + ReportFacts.reaching(byChange.size()) + " our code)");
    row(sb, "Affected files", Integer.toString(r.affectedFiles().size()));
    row(sb, "Affected lines", Integer.toString(r.totalAffectedLines()));
    if (!r.reviews().isEmpty()) {
      row(sb, "To review", Integer.toString(r.reviews().size()));
    }
    if (r.apiDiff() != null) {
      row(sb, "API diff", inline(ReportFacts.apiDiffLine(r.apiDiff()), true));
    }
    for (String cap : r.caps()) {
      row(sb, "Capped at", inline(cap, true));
    }
    if (!r.unread().isEmpty()) {
      row(sb, "Not read in full", r.unread().size() + " (listed below)");
    }
    sb.append('\n');

    List<SiteGroup> groups = r.groups();
    if (!groups.isEmpty()) {
      sb.append("### Breaks by cause\n\n")
          .append(inline(ReportFacts.breaksLine(groups, r), false))
          .append(".\n\n")
          .append("| Cause | Replacement | Severity | Sites | Files | With a fix | For example |\n")
          .append("| --- | --- | --- | ---: | ---: | ---: | --- |\n");
      for (SiteGroup g : groups.subList(0, Math.min(groups.size(), ReportFacts.GROUPS_SHOWN))) {
        sb.append("| ")
            .append(inline((g.version() == null ? "" : g.version() + ": ") + g.text(), true))
            .append(" | ")
            .append(g.replacement() == null ? "none named" : codeSpan(g.replacement(), true))
            .append(" | ")
            .append(g.severity().name())
            .append(" | ")
            .append(g.sites())
            .append(" | ")
            .append(g.files())
            .append(" | ")
            .append(g.withFix())
            .append(" | ")
            .append(String.join(", ", g.examples().stream().map(e -> codeSpan(e, true)).toList()))
            .append(" |\n");
      }
      if (groups.size() > ReportFacts.GROUPS_SHOWN) {
        sb.append('\n')
            .append(ReportFacts.more(groups.size() - ReportFacts.GROUPS_SHOWN, "cause"))
            .append(".\n");
      }
      sb.append('\n');
    }

    if (!r.affectedFiles().isEmpty()) {
      sb.append("### Affected files\n\n| File | Severity | Sites |\n| --- | --- | ---: |\n");
      List<AffectedFile> listed =
          r.affectedFiles()
              .subList(0, Math.min(r.affectedFiles().size(), ReportFacts.FILES_IN_DETAIL));
      for (AffectedFile f : listed) {
        sb.append("| ")
            .append(codeSpan(f.path(), true))
            .append(" | ")
            .append(f.severity().name())
            .append(" | ")
            .append(f.sites().size())
            .append(" |\n");
      }
      if (listed.size() < r.affectedFiles().size()) {
        sb.append('\n')
            .append(ReportFacts.more(r.affectedFiles().size() - listed.size(), "file"))
            .append(".\n");
      }
      sb.append('\n');
    }

    if (!r.unread().isEmpty()) {
      sb.append(
          "### Not read in full\n\n| Path | Why | May use the package |\n| --- | --- | --- |\n");
      for (UnreadFile u : r.unread()) {
        sb.append("| ")
            .append(codeSpan(u.path(), true))
            .append(" | ")
            .append(inline(u.reason(), true))
            .append(" | ")
            .append(u.mayUsePackage() ? "yes" : "no")
            .append(" |\n");
      }
      sb.append('\n');
    }

    if (!r.reviews().isEmpty()) {
      sb.append("### To review\n\n")
          .append(
              "Behavior, default or type-only changes and deprecations where our code uses what they"
                  + " name, and notes that only partly apply to this upgrade; not breaks.\n\n");
      for (nautilus.autoupdate.impact.Review v : r.reviews()) {
        BreakingChange c = ReportFacts.change(r, v.change());
        sb.append("- ")
            .append(
                c == null ? inline(v.name(), false) : c.version() + ": " + inline(c.text(), false))
            .append('\n');
        if (v.why() != null) {
          sb.append("  - *").append(inline(v.why(), false)).append("*\n");
        }
        for (nautilus.autoupdate.impact.Review.Use u : v.uses()) {
          sb.append("  - ")
              .append(codeSpan(ReportFacts.reviewWhere(u), false))
              .append(": ")
              .append(codeSpan(ReportFacts.oneLine(u.code()), false))
              .append('\n');
        }
      }
      sb.append('\n');
    }

    if (!r.actions().isEmpty()) {
      sb.append("### For a person\n\n");
      for (Action a : r.actions()) {
        sb.append("- ").append(inline(a.text(), false)).append('\n');
      }
      sb.append('\n');
    }

    // Sections only for the biggest causes: a v2 upgrade has thousands of changes.
    List<SiteGroup> shown = groups.subList(0, Math.min(groups.size(), ReportFacts.GROUPS_SHOWN));
    java.util.Set<SiteGroup> diffOnly = new java.util.HashSet<>(ReportFacts.groupsNotInNotes(r));
    if (shown.stream().anyMatch(g -> !diffOnly.contains(g))) {
      sb.append("### Breaking changes that reach our code\n\n");
      shown.stream()
          .filter(g -> !diffOnly.contains(g))
          .forEach(g -> groupSection(sb, r, g, sitesOf(g, byChange)));
    }
    if (!diffOnly.isEmpty()) {
      sb.append("### Breaks not in the release notes\n\n")
          .append(
              "Found by comparing the APIs of the two versions; no release note mentions them.\n\n");
      shown.stream()
          .filter(diffOnly::contains)
          .forEach(g -> groupSection(sb, r, g, sitesOf(g, byChange)));
    }
    if (groups.size() > shown.size()) {
      sb.append(ReportFacts.more(groups.size() - shown.size(), "cause"))
          .append(" (their sites are all there).\n\n");
    }

    List<Integer> others = new ArrayList<>();
    for (int i = 0; i < r.breakingChanges().size(); i++) {
      if (!byChange.containsKey(i)) {
        others.add(i);
      }
    }
    if (!others.isEmpty()) {
      sb.append("<details>\n<summary>")
          .append(ReportFacts.count(others.size(), "other breaking change"))
          .append(others.size() == 1 ? " reaches" : " reach")
          .append(" no code of ours</summary>\n\n");
      for (int i : others) {
        BreakingChange c = r.breakingChanges().get(i);
        sb.append("- ")
            .append(c.version())
            .append(" (")
            .append(c.scope().id())
            .append(", ")
            .append(c.kind().id())
            .append("): ")
            .append(inline(c.text(), false))
            .append('\n');
      }
      sb.append("\n</details>\n\n");
    }
    sb.append("<sub>Generated by nautilus-autoupdate at ")
        .append(r.generatedAt())
        .append("</sub>\n");
    return sb.toString();
  }

  /** The sites of a group's changes, in file then line order. */
  private static List<ReportFacts.Located> sitesOf(
      SiteGroup g, Map<Integer, List<ReportFacts.Located>> byChange) {
    List<ReportFacts.Located> out = new ArrayList<>();
    g.changes().forEach(i -> out.addAll(byChange.getOrDefault(i, List.of())));
    out.sort(
        java.util.Comparator.comparing(ReportFacts.Located::path)
            .thenComparing(l -> l.site().cell() == null ? -1 : l.site().cell())
            .thenComparingInt(l -> l.site().line()));
    return out;
  }

  private static void groupSection(
      StringBuilder sb, ImpactReport r, SiteGroup g, List<ReportFacts.Located> sites) {
    // One change: its note as written; several (API-diff findings of one cause): the group's text.
    BreakingChange c = g.changes().size() == 1 ? ReportFacts.change(r, g.change()) : null;
    String title = (g.version() == null ? "" : g.version() + ": ") + g.text();
    // <summary> is an HTML block: Markdown is not parsed there, so HTML-escaping suffices.
    sb.append("<details>\n<summary>")
        .append(html(ReportFacts.oneLine(title)))
        .append(" (")
        .append(ReportFacts.count(g.files(), "file"))
        .append(", ")
        .append(ReportFacts.count(sites.size(), "site"))
        .append(")</summary>\n\n");
    if (c != null) {
      sb.append("> ").append(inline(c.text(), false)).append("\n\n");
      sb.append("Kind: ")
          .append(c.kind().id())
          .append(", scope: ")
          .append(c.scope().id())
          .append(", auto-fixable per the note: ")
          .append(c.autoFixable() ? "yes" : "no")
          .append("\n\n");
      if (c.migration() != null && !c.migration().isBlank()) {
        sb.append("Migration from the release notes:\n\n").append(fenced(c.migration(), ""));
      }
    } else {
      sb.append("> ")
          .append(inline(g.text(), false))
          .append("\n\n")
          .append(ReportFacts.count(g.changes().size(), "finding"))
          .append(" of the API diff")
          .append(
              g.replacement() == null ? "" : "; replacement: " + codeSpan(g.replacement(), false))
          .append("\n\n");
    }
    sites.stream()
        .map(l -> l.site().evidence())
        .filter(e -> e != null)
        .distinct()
        .limit(3)
        .forEach(e -> sb.append("Evidence: ").append(inline(e, false)).append("\n\n"));
    sb.append("| File | Line | Code | Match | Certainty | Fix |\n")
        .append("| --- | ---: | --- | --- | --- | --- |\n");
    int rows = 0;
    for (ReportFacts.Located l : sites) {
      if (rows++ == ROWS_PER_CHANGE) {
        break;
      }
      var s = l.site();
      String line =
          (s.cell() == null ? "" : "cell " + s.cell() + ", ") + s.line() + ":" + s.column();
      sb.append("| ")
          .append(codeSpan(l.path(), true))
          .append(" | ")
          .append(line)
          .append(" | ")
          .append(codeSpan(s.code(), true))
          .append(" | ")
          .append(s.match().id())
          .append(" | ")
          .append(s.certainty().id())
          .append(" | ")
          .append(s.fix() == null ? "" : codeSpan(s.fix(), true))
          .append(" |\n");
    }
    if (sites.size() > ROWS_PER_CHANGE) {
      sb.append('\n')
          .append(ReportFacts.more(sites.size() - ROWS_PER_CHANGE, "site"))
          .append(".\n");
    }
    sb.append("\n</details>\n\n");
  }

  private static void row(StringBuilder sb, String key, String value) {
    sb.append("| ").append(key).append(" | ").append(value).append(" |\n");
  }

  /**
   * Untrusted text as inline Markdown: its own backtick spans stay code spans, everything else is
   * escaped (punctuation Markdown acts on, HTML, {@code @mentions} and {@code #123} references,
   * which GitHub would otherwise link or notify). {@code inTable} also escapes pipes in code.
   */
  static String inline(String text, boolean inTable) {
    String t = ReportFacts.oneLine(text);
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < t.length()) {
      if (t.charAt(i) == '`') {
        int run = runLength(t, i, '`');
        int close = findRun(t, i + run, run);
        if (close >= 0) {
          out.append(codeSpan(t.substring(i + run, close), inTable));
          i = close + run;
          continue;
        }
        // An unmatched run is literal text.
        for (int k = 0; k < run; k++) {
          out.append("\\`");
        }
        i += run;
        continue;
      }
      appendEscaped(out, t, i);
      i++;
    }
    return out.toString();
  }

  private static void appendEscaped(StringBuilder out, String t, int i) {
    char ch = t.charAt(i);
    switch (ch) {
      case '<':
        out.append("&lt;");
        break;
      case '>':
        out.append("&gt;");
        break;
      case '&':
        out.append("&amp;");
        break;
      case '@':
        out.append("@\u200b"); // a zero-width space keeps GitHub from notifying the user
        break;
      case '#':
        out.append(i + 1 < t.length() && Character.isDigit(t.charAt(i + 1)) ? "#\u200b" : "\\#");
        break;
      case '\\':
      case '*':
      case '_':
      case '[':
      case ']':
      case '!':
      case '|':
      case '~':
      case '+':
      case '-':
      case '=':
      case ':':
        out.append('\\').append(ch);
        break;
      default:
        out.append(ch);
    }
  }

  /** A code span whose fence is longer than any backtick run inside it. */
  static String codeSpan(String code, boolean inTable) {
    String c = ReportFacts.oneLine(code);
    if (inTable) {
      c = c.replace("|", "\\|");
    }
    String fence = "`".repeat(longestRun(c, '`') + 1);
    boolean pad = c.startsWith("`") || c.endsWith("`") || c.isEmpty();
    return fence + (pad ? " " : "") + c + (pad ? " " : "") + fence;
  }

  /** A fenced code block whose fence no line inside can close. */
  static String fenced(String text, String language) {
    String fence = "`".repeat(Math.max(3, longestRun(text, '`') + 1));
    String body = text.replace("\r\n", "\n").replace('\r', '\n');
    return fence + language + "\n" + body + (body.endsWith("\n") ? "" : "\n") + fence + "\n\n";
  }

  static String html(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("@", "@\u200b")
        .replaceAll("#(\\d)", "#\u200b$1");
  }

  private static int runLength(String s, int from, char c) {
    int n = 0;
    while (from + n < s.length() && s.charAt(from + n) == c) {
      n++;
    }
    return n;
  }

  /** The start of the next run of exactly {@code len} backticks at or after {@code from}. */
  private static int findRun(String s, int from, int len) {
    int i = from;
    while (i < s.length()) {
      if (s.charAt(i) == '`') {
        int run = runLength(s, i, '`');
        if (run == len) {
          return i;
        }
        i += run;
      } else {
        i++;
      }
    }
    return -1;
  }

  private static int longestRun(String s, char c) {
    int best = 0;
    int i = 0;
    while (i < s.length()) {
      int run = runLength(s, i, c);
      best = Math.max(best, run);
      i += Math.max(run, 1);
    }
    return best;
  }
}

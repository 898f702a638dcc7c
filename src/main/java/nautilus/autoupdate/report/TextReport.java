package nautilus.autoupdate.report;

import nautilus.autoupdate.code.UnreadFile;
import nautilus.autoupdate.impact.Action;
import nautilus.autoupdate.impact.AffectedFile;
import nautilus.autoupdate.impact.ImpactReport;
import nautilus.autoupdate.impact.Review;
import nautilus.autoupdate.impact.Severity;
import nautilus.autoupdate.impact.Site;
import nautilus.autoupdate.impact.SiteGroup;
import nautilus.autoupdate.notes.BreakingChange;

/**
 * For a person at a terminal: a headline, the breaks grouped by cause (biggest first, with the
 * replacement and a few locations), then for the first {@link ReportFacts#FILES_IN_DETAIL} files
 * per line the code and the release-note line that breaks it, then the actions no code edit covers.
 * ANSI colors only when asked.
 */
public final class TextReport implements ReportRenderer {
  private static final String RESET = "\u001b[0m";
  private static final String BOLD = "\u001b[1m";
  private static final String DIM = "\u001b[2m";
  private static final String RED = "\u001b[31m";
  private static final String YELLOW = "\u001b[33m";
  private static final String CYAN = "\u001b[36m";
  private static final String GREEN = "\u001b[32m";

  private final boolean color;

  public TextReport(boolean color) {
    this.color = color;
  }

  @Override
  public String render(ImpactReport r) {
    StringBuilder sb = new StringBuilder();
    int sites = ReportFacts.siteCount(r);
    int reaching = ReportFacts.sitesByChange(r).size();
    sb.append(paint(BOLD, "nautilus_trader " + r.previousVersion() + " -> " + r.version()))
        .append(": ")
        .append(ReportFacts.count(r.breakingChanges().size(), "breaking change"))
        .append(", ")
        .append(ReportFacts.reaching(reaching))
        .append(' ')
        .append(ReportFacts.count(r.affectedFiles().size(), "file"))
        .append(" (")
        .append(ReportFacts.count(r.totalAffectedLines(), "line"))
        .append(", ")
        .append(ReportFacts.count(sites, "site"))
        .append(")")
        .append(ReportFacts.notesOnlyClause(r))
        .append('\n');
    sb.append("confidence ")
        .append(r.confidenceScore())
        .append("/100 (")
        .append(r.confidenceLevel().id())
        .append("), recommendation: ")
        .append(paint(recommendationColor(r), r.recommendation().id()))
        .append(", auto-update: ")
        .append(r.canAutoUpdate() ? "yes" : "no")
        .append('\n');
    if (r.currentVersionSource() != null) {
      sb.append(paint(DIM, "current version from " + ReportFacts.oneLine(r.currentVersionSource())))
          .append('\n');
    }
    if (r.apiDiff() != null) {
      sb.append(paint(DIM, "API diff: " + ReportFacts.apiDiffLine(r.apiDiff()))).append('\n');
    }
    for (String cap : r.caps()) {
      sb.append(paint(YELLOW, "capped at " + ReportFacts.oneLine(cap))).append('\n');
    }

    java.util.List<SiteGroup> groups = r.groups();
    if (!groups.isEmpty()) {
      sb.append('\n')
          .append(paint(BOLD, "By cause, biggest first: " + ReportFacts.breaksLine(groups, r)))
          .append('\n');
      for (SiteGroup g : groups.subList(0, Math.min(groups.size(), ReportFacts.GROUPS_SHOWN))) {
        appendGroup(sb, g);
      }
      if (groups.size() > ReportFacts.GROUPS_SHOWN) {
        sb.append("  ")
            .append(ReportFacts.more(groups.size() - ReportFacts.GROUPS_SHOWN, "cause"))
            .append('\n');
      }
    }

    int shown = 0;
    for (AffectedFile f : r.affectedFiles()) {
      if (shown++ == ReportFacts.FILES_IN_DETAIL) {
        sb.append('\n')
            .append(
                ReportFacts.more(r.affectedFiles().size() - ReportFacts.FILES_IN_DETAIL, "file"))
            .append('\n');
        break;
      }
      sb.append('\n')
          .append(paint(BOLD, f.path()))
          .append("  ")
          .append(paint(severityColor(f.severity()), f.severity().name()))
          .append('\n');
      for (Site s : f.sites()) {
        appendSite(sb, r, s);
      }
    }

    java.util.List<SiteGroup> notInNotes = ReportFacts.groupsNotInNotes(r);
    if (!notInNotes.isEmpty()) {
      sb.append('\n')
          .append(paint(BOLD, "Breaks not in the release notes (found by the API diff):"))
          .append('\n');
      for (SiteGroup g :
          notInNotes.subList(0, Math.min(notInNotes.size(), ReportFacts.GROUPS_SHOWN))) {
        sb.append("  - ")
            .append(g.version())
            .append(": ")
            .append(ReportFacts.oneLine(g.text()))
            .append(" (")
            .append(ReportFacts.count(g.sites(), "site"))
            .append(")\n");
      }
      if (notInNotes.size() > ReportFacts.GROUPS_SHOWN) {
        sb.append("  ")
            .append(ReportFacts.more(notInNotes.size() - ReportFacts.GROUPS_SHOWN, "cause"))
            .append('\n');
      }
    }

    if (!r.unread().isEmpty()) {
      sb.append('\n').append(paint(BOLD, "Not read in full:")).append('\n');
      for (UnreadFile u : r.unread()) {
        sb.append("  - ")
            .append(ReportFacts.oneLine(u.path()))
            .append(": ")
            .append(ReportFacts.oneLine(u.reason()))
            .append(u.mayUsePackage() ? paint(DIM, "  (may use the package)") : "")
            .append('\n');
      }
    }

    if (!r.reviews().isEmpty()) {
      sb.append('\n')
          .append(paint(BOLD, "To review (behavior, type and deprecation notes, not breaks):"))
          .append('\n');
      for (Review v : r.reviews()) {
        BreakingChange c = ReportFacts.change(r, v.change());
        sb.append("  - ")
            .append(c == null ? v.name() : c.version() + ": " + ReportFacts.oneLine(c.text()))
            .append('\n');
        if (v.why() != null) {
          sb.append("      ").append(paint(DIM, ReportFacts.oneLine(v.why()))).append('\n');
        }
        for (Review.Use u : v.uses()) {
          sb.append("      ")
              .append(paint(CYAN, ReportFacts.reviewWhere(u)))
              .append("  ")
              .append(ReportFacts.oneLine(u.code()))
              .append('\n');
        }
      }
    }

    if (!r.actions().isEmpty()) {
      sb.append('\n').append(paint(BOLD, "For a person:")).append('\n');
      for (Action a : r.actions()) {
        sb.append("  - ").append(ReportFacts.oneLine(a.text()));
        if (a.change() != null) {
          BreakingChange c = ReportFacts.change(r, a.change());
          if (c != null) {
            sb.append(paint(DIM, "  (" + c.version() + ")"));
          }
        }
        sb.append('\n');
      }
    }
    if (r.affectedFiles().isEmpty() && r.actions().isEmpty() && r.reviews().isEmpty()) {
      sb.append('\n')
          .append(
              r.unread().isEmpty()
                  ? "No breaking change reaches this code.\n"
                  : "No breaking change reaches the code that was read.\n");
    }
    return sb.toString();
  }

  /** One cause on three lines at most: counts and note, replacement, example locations. */
  private void appendGroup(StringBuilder sb, SiteGroup g) {
    sb.append("  - ")
        .append(paint(severityColor(g.severity()), g.severity().name()))
        .append(' ')
        .append(ReportFacts.count(g.sites(), "site"))
        .append(" in ")
        .append(ReportFacts.count(g.files(), "file"))
        .append(", ")
        .append(g.withFix())
        .append(" with a fix: ")
        .append(g.version() == null ? "" : g.version() + ": ")
        .append(ReportFacts.oneLine(g.text()))
        .append('\n');
    sb.append("      replacement: ")
        .append(
            g.replacement() == null
                ? paint(DIM, "none named")
                : paint(GREEN, ReportFacts.oneLine(g.replacement())))
        .append('\n');
    sb.append("      e.g. ")
        .append(paint(CYAN, ReportFacts.oneLine(String.join(", ", g.examples()))))
        .append('\n');
  }

  private void appendSite(StringBuilder sb, ImpactReport r, Site s) {
    String where =
        (s.cell() == null ? "" : "cell " + s.cell() + ", ") + s.line() + ":" + s.column();
    sb.append("  ")
        .append(paint(CYAN, where))
        .append("  ")
        .append(ReportFacts.oneLine(s.code()))
        .append('\n');
    StringBuilder why = new StringBuilder();
    why.append(s.match().id()).append(", ").append(s.certainty().id());
    BreakingChange c = ReportFacts.change(r, s.change());
    if (c != null) {
      why.append(", ").append(c.version()).append(": ").append(ReportFacts.oneLine(c.text()));
    } else if (s.evidence() != null) {
      why.append(": ").append(ReportFacts.oneLine(s.evidence()));
    }
    sb.append("      ").append(paint(DIM, why.toString())).append('\n');
    if (c != null && s.evidence() != null) {
      sb.append("      evidence: ")
          .append(paint(DIM, ReportFacts.oneLine(s.evidence())))
          .append('\n');
    }
    if (s.fix() != null) {
      sb.append("      fix: ").append(paint(GREEN, ReportFacts.oneLine(s.fix()))).append('\n');
    }
  }

  private static String severityColor(Severity s) {
    switch (s) {
      case CRITICAL:
        return BOLD + RED;
      case HIGH:
        return RED;
      case MEDIUM:
        return YELLOW;
      default:
        return "";
    }
  }

  private static String recommendationColor(ImpactReport r) {
    switch (r.recommendation()) {
      case AUTO:
        return GREEN;
      case DELAYED:
        return YELLOW;
      default:
        return RED;
    }
  }

  private String paint(String ansi, String text) {
    return color && !ansi.isEmpty() ? ansi + text + RESET : text;
  }
}

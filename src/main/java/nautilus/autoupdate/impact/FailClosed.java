package nautilus.autoupdate.impact;

import java.util.ArrayList;
import java.util.List;
import nautilus.autoupdate.code.UnreadFile;

/**
 * What the analysis could not see caps the recommendation: nothing it failed to read may make an
 * update look safer. An unread file that may use the package caps it at {@code manual}; notes that
 * may be incomplete, notes that say nothing of breaking changes, and a verdict made without an API
 * diff cap it at {@code delayed}. A cap only ever lowers a recommendation.
 */
public final class FailClosed {
  /** How many unread paths one cap names before it counts the rest. */
  private static final int NAMED = 5;

  /** The most a recommendation may be, and why. */
  public record Cap(Recommendation atMost, String reason) {
    /** The line the report shows: {@code "manual: <why>"}. */
    public String line() {
      return atMost.id() + ": " + reason;
    }
  }

  /** What the analysis could not see. */
  public record Gaps(
      String packageName,
      List<UnreadFile> unread,
      List<String> notesGaps,
      boolean notesSayWhatBreaks,
      ApiDiffSummary apiDiff) {
    public Gaps {
      unread = List.copyOf(unread);
      notesGaps = List.copyOf(notesGaps);
    }
  }

  private FailClosed() {}

  public static List<Cap> caps(Gaps g) {
    List<Cap> caps = new ArrayList<>();
    List<UnreadFile> mayUse = g.unread().stream().filter(UnreadFile::mayUsePackage).toList();
    if (!mayUse.isEmpty()) {
      StringBuilder why = new StringBuilder();
      why.append(mayUse.size() == 1 ? "1 file or folder" : mayUse.size() + " files or folders")
          .append(" that may use ")
          .append(g.packageName())
          .append(" could not be read in full: ");
      for (int i = 0; i < Math.min(NAMED, mayUse.size()); i++) {
        why.append(i == 0 ? "" : ", ").append(mayUse.get(i).path());
      }
      if (mayUse.size() > NAMED) {
        why.append(" and ").append(mayUse.size() - NAMED).append(" more");
      }
      caps.add(new Cap(Recommendation.MANUAL, why.toString()));
    }
    for (String gap : g.notesGaps()) {
      caps.add(new Cap(Recommendation.DELAYED, gap));
    }
    ApiDiffSummary d = g.apiDiff();
    if (d != null && d.notesEnd() != null) {
      // Past the notes the diff sees what no longer resolves, not behavior or default changes.
      caps.add(
          new Cap(
              Recommendation.DELAYED,
              "the release notes end at "
                  + d.notesEnd()
                  + ": the target's breaks come from the API diff alone (it cannot see behavior"
                  + " changes)"));
    } else if (!g.notesSayWhatBreaks()) {
      caps.add(
          new Cap(
              Recommendation.DELAYED,
              "the release notes in range say nothing of breaking changes (no such section)"));
    }
    if (d == null || !d.used()) {
      String why =
          d != null && d.unavailable() != null
              ? "no API diff: " + d.unavailable()
              : "no API diff: the verdict rests on the release notes alone";
      caps.add(new Cap(Recommendation.DELAYED, why));
    }
    return List.copyOf(caps);
  }

  /** The recommendation lowered to the strictest cap (never raised). */
  public static Recommendation apply(Recommendation rec, List<Cap> caps) {
    Recommendation out = rec;
    for (Cap c : caps) {
      if (c.atMost().compareTo(out) > 0) {
        out = c.atMost();
      }
    }
    return out;
  }
}

package nautilus.autoupdate.github;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import nautilus.autoupdate.fix.FixResult;
import nautilus.autoupdate.impact.AffectedFile;
import nautilus.autoupdate.impact.ImpactReport;
import nautilus.autoupdate.impact.Site;
import nautilus.autoupdate.notes.BreakingChange;
import nautilus.autoupdate.verify.TestResult;

/**
 * The pull request's markdown: impact, tests (new failures first), then the release notes as quoted
 * text. Release notes are upstream text, so they sit in a code fence where markdown, HTML and
 * {@code @mentions} have no effect.
 */
public final class PrBody {
  /** GitHub's limit for a PR body, in characters. */
  public static final int LIMIT = 65_536;

  private static final String CUT_NOTE =
      "\n\n---\n*This description was cut to GitHub's 65,536-character limit; run"
          + " `nautilus-autoupdate check` for the full report.*\n";

  private PrBody() {}

  /**
   * @param sections what the update's steps report (e.g. {@link #fixes}), between the impact and
   *     the tests; blank ones are left out
   */
  public static String render(
      ImpactReport report, List<String> sections, TestResult tests, String notesExcerpt) {
    StringBuilder b = new StringBuilder();
    b.append(impact(report)).append('\n');
    sections.stream().filter(s -> !s.isBlank()).forEach(s -> b.append(s).append('\n'));
    b.append(tests(tests)).append('\n');
    if (notesExcerpt != null && !notesExcerpt.isBlank()) {
      b.append("## Release notes\n\n").append(fence(notesExcerpt)).append('\n');
    }
    b.append("\n<sub>Opened by nautilus-autoupdate.</sub>\n");
    return cut(b.toString());
  }

  static String impact(ImpactReport r) {
    StringBuilder b = new StringBuilder();
    b.append("## Impact\n\n");
    b.append(
        String.format(
            Locale.ROOT,
            "Upgrade %s → %s · confidence **%d** (%s) · recommendation **%s** · %d affected"
                + " line(s) in %d file(s)\n\n",
            r.previousVersion() == null ? "?" : r.previousVersion(),
            r.version(),
            r.confidenceScore(),
            r.confidenceLevel().id(),
            r.recommendation().id(),
            r.totalAffectedLines(),
            r.affectedFiles().size()));
    List<BreakingChange> changes = r.breakingChanges();
    for (AffectedFile f : r.affectedFiles()) {
      b.append("- `").append(f.path()).append("` (").append(f.severity()).append(")\n");
      for (Site s : f.sites()) {
        b.append("  - line ").append(s.line()).append(": `").append(oneLine(s.code())).append('`');
        b.append(note(changes, s.change()));
        b.append('\n');
      }
    }
    if (!r.actions().isEmpty()) {
      b.append("\n**To do by hand:**\n");
      r.actions().forEach(a -> b.append("- ").append(oneLine(a.text())).append('\n'));
    }
    return b.toString();
  }

  /**
   * The automatic fixes: every fixed site (file:line, before → after, the note behind it) and every
   * site left for the agent or a person, with the reason. Empty when the fixes found nothing.
   */
  public static String fixes(FixResult r, ImpactReport report) {
    if (r.applied().isEmpty() && r.skipped().isEmpty()) {
      return "";
    }
    List<BreakingChange> changes = report.breakingChanges();
    StringBuilder b = new StringBuilder("## Automatic fixes\n\n");
    b.append(
        String.format(
            Locale.ROOT,
            "%d site(s) fixed in %d file(s), %d left.\n",
            r.applied().size(),
            r.filesChanged(),
            r.skipped().size()));
    if (!r.applied().isEmpty()) {
      b.append('\n');
    }
    for (FixResult.Applied a : r.applied()) {
      b.append("- `").append(where(a.path(), a.cell(), a.line())).append("`: ");
      b.append('`').append(oneLine(a.before())).append("` → `").append(oneLine(a.after()));
      b.append('`').append(note(changes, a.change())).append('\n');
    }
    if (!r.skipped().isEmpty()) {
      b.append("\n**Left for the agent or a person:**\n");
      for (FixResult.Skipped s : r.skipped()) {
        b.append("- `").append(where(s.path(), s.cell(), s.line())).append("`: ");
        b.append(oneLine(s.reason())).append(note(changes, s.change())).append('\n');
      }
    }
    return b.toString();
  }

  private static String where(String path, Integer cell, int line) {
    return path + (cell == null ? "" : "[cell " + cell + "]") + ":" + line;
  }

  private static String note(List<BreakingChange> changes, int change) {
    return change >= 0 && change < changes.size()
        ? " — " + oneLine(changes.get(change).text())
        : "";
  }

  static String tests(TestResult t) {
    StringBuilder b = new StringBuilder("## Tests\n\n");
    if (t == null) {
      return b.append("Not run.\n").toString();
    }
    if (!t.hasVerdict()) {
      return b.append("**")
          .append(t.status().id().replace('_', ' '))
          .append("**: ")
          .append(t.detail() == null ? "" : oneLine(t.detail()))
          .append('\n')
          .toString();
    }
    b.append(
        String.format(
            Locale.ROOT,
            "%s — %d tests, %d failed (%d new), %d skipped, %.1f s\n",
            t.passed() ? "✅ no new failures" : "❌ new failures",
            t.totalTests(),
            t.failedTests(),
            t.newFailures().size(),
            t.skippedTests(),
            t.durationSeconds()));
    list(b, "New failures (caused by this update)", t.newFailures(), t.failureMessages());
    list(b, "Already failing on the base branch", t.existingFailures(), t.failureMessages());
    list(b, "Fixed by this update", t.fixedTests(), Map.of());
    return b.toString();
  }

  private static void list(
      StringBuilder b, String title, List<String> names, Map<String, String> why) {
    if (names.isEmpty()) {
      return;
    }
    b.append("\n**").append(title).append(":**\n");
    for (String n : names) {
      b.append("- `").append(oneLine(n)).append('`');
      if (why.containsKey(n)) {
        // Test output can quote anything: a code span keeps markdown and mentions inert.
        b.append(": `").append(oneLine(why.get(n))).append('`');
      }
      b.append('\n');
    }
  }

  /** A fence longer than any backtick run in the text, so the text cannot close it. */
  static String fence(String untrusted) {
    int longest = 0;
    int run = 0;
    for (char c : untrusted.toCharArray()) {
      run = c == '`' ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    String f = "`".repeat(Math.max(3, longest + 1));
    return f + "text\n" + untrusted.strip() + "\n" + f + "\n";
  }

  static String cut(String body) {
    if (body.length() <= LIMIT) {
      return body;
    }
    int keep = LIMIT - CUT_NOTE.length() - 8;
    String head = body.substring(0, keep);
    // An unclosed fence would swallow the note.
    long fences = head.lines().filter(l -> l.startsWith("```")).count();
    return head + (fences % 2 == 1 ? "\n```" : "") + CUT_NOTE;
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.replace('\n', ' ').replace("`", "'").strip();
  }
}

package nautilus.autoupdate.impact;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nautilus.autoupdate.notes.BreakingChange;
import nautilus.autoupdate.notes.ChangeKind;
import nautilus.autoupdate.version.SpecifierSet;
import nautilus.autoupdate.version.Version;

/**
 * Decides what to do with an upgrade: the confidence score, whether it can be applied without a
 * person ({@code can_auto_update}) and the recommendation (auto, delayed, manual, blocked).
 */
public final class Decision {
  private static final Pattern DROPPED_PYTHON =
      Pattern.compile(
          "(?i)\\b(?:dropped|removed|drop|ended)\\s+support\\s+for\\s+python\\s+(\\d+)\\.(\\d+)");

  /** What the decision weighs besides the matched sites. */
  public record Context(
      Optional<Long> releaseAgeDays,
      Optional<TestOutcome> tests,
      Optional<String> requiresPython,
      Optional<Boolean> targetOnIndex,
      int autoMergeThreshold,
      int delayedMergeThreshold) {}

  /** The decision and its reasons. */
  public record Outcome(
      Confidence.Score score,
      Recommendation recommendation,
      boolean canAutoUpdate,
      List<Action> blockers) {
    public Outcome {
      blockers = List.copyOf(blockers);
    }
  }

  /**
   * What blocks an upgrade: every version from {@code from} on is blocked by {@code why} (the
   * action a person sees); {@code unblock} is the one change that lifts it, or null when none is
   * known (a version missing from the index only waits).
   */
  public record Block(Version from, String why, String unblock) {}

  private Decision() {}

  /**
   * The blocks behind a {@code blocked} report, read back from its changes and actions, so a run
   * can step back to the newest version below them: a dropped Python applies from the release that
   * dropped it on; anything else only to the report's own version.
   */
  public static List<Block> blocks(ImpactReport r) {
    List<Block> out = new ArrayList<>();
    if (r.recommendation() != Recommendation.BLOCKED) {
      return out;
    }
    for (Action a : r.actions()) {
      Integer i = a.change();
      BreakingChange c =
          i == null || i < 0 || i >= r.breakingChanges().size() ? null : r.breakingChanges().get(i);
      Matcher m =
          c == null || c.kind() != ChangeKind.PLATFORM ? null : DROPPED_PYTHON.matcher(c.text());
      if (m != null && m.find()) {
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        Version from = c.version() == null ? r.version() : c.version();
        out.add(
            new Block(from, a.text(), "raise requires-python to >=" + major + "." + (minor + 1)));
      } else if (c == null && a.text().contains("not on the package index")) {
        out.add(new Block(r.version(), a.text(), null));
      }
    }
    if (out.isEmpty()) {
      // Blocked for a reason this reading does not know: only the version itself.
      out.add(
          new Block(
              r.version(),
              r.actions().isEmpty()
                  ? "blocked"
                  : String.join("; ", r.actions().stream().map(Action::text).toList()),
              null));
    }
    return out;
  }

  public static Outcome decide(
      List<BreakingChange> changes, List<AffectedFile> files, List<Action> actions, Context ctx) {
    return decide(changes, files, actions, 0, ctx);
  }

  /** {@code reviews}: how many review items touch our code (they weigh, they do not block). */
  public static Outcome decide(
      List<BreakingChange> changes,
      List<AffectedFile> files,
      List<Action> actions,
      int reviews,
      Context ctx) {
    Map<Integer, List<Site>> byChange = new LinkedHashMap<>();
    int sites = 0;
    boolean everyCertainSiteFixable = true;
    for (AffectedFile f : files) {
      for (Site s : f.sites()) {
        if (s.fix() == null || s.fix().isBlank()) {
          sites++;
        }
        byChange.computeIfAbsent(s.change(), k -> new ArrayList<>()).add(s);
        if (s.certainty() == Certainty.CERTAIN && (s.fix() == null || s.fix().isBlank())) {
          everyCertainSiteFixable = false;
        }
      }
    }
    List<Confidence.ChangeImpact> impacts = new ArrayList<>();
    byChange.forEach(
        (index, list) -> {
          BreakingChange c = index >= 0 && index < changes.size() ? changes.get(index) : null;
          impacts.add(changeImpact(c, list));
        });

    List<Action> blockers = blockers(changes, ctx);
    Confidence.Score score =
        Confidence.score(
            new Confidence.Inputs(
                ctx.releaseAgeDays(), impacts, sites, actions.size(), ctx.tests(), reviews));
    boolean canAuto = everyCertainSiteFixable && actions.isEmpty() && blockers.isEmpty();
    Recommendation rec;
    if (!blockers.isEmpty()) {
      rec = Recommendation.BLOCKED;
    } else if (score.value() >= ctx.autoMergeThreshold()) {
      rec = Recommendation.AUTO;
    } else if (score.value() >= ctx.delayedMergeThreshold()) {
      rec = Recommendation.DELAYED;
    } else {
      rec = Recommendation.MANUAL;
    }
    return new Outcome(score, rec, canAuto, blockers);
  }

  /**
   * A change is auto-fixable for us when the matcher suggests a fix for each of its certain sites;
   * with only possible sites, the note's own {@code auto_fixable} says.
   */
  static Confidence.ChangeImpact changeImpact(BreakingChange c, List<Site> sites) {
    Severity worst = Severity.LOW;
    boolean certain = false;
    boolean everyCertainFixed = true;
    for (Site s : sites) {
      // The matcher's rule; a change it would not rate at all counts as LOW.
      Severity sev = c == null ? null : ImpactMatcher.severity(c, s.match());
      worst = Severity.worst(worst, sev == null ? Severity.LOW : sev);
      if (s.certainty() == Certainty.CERTAIN) {
        certain = true;
        everyCertainFixed &= s.fix() != null && !s.fix().isBlank();
      }
    }
    boolean fixable = certain ? everyCertainFixed : c != null && c.autoFixable();
    return new Confidence.ChangeImpact(worst, certain, fixable);
  }

  /** Reasons the upgrade cannot happen at all, as actions for a person (with their change). */
  static List<Action> blockers(List<BreakingChange> changes, Context ctx) {
    List<Action> out = new ArrayList<>();
    if (ctx.targetOnIndex().isPresent() && !ctx.targetOnIndex().get()) {
      out.add(new Action("the target version is not on the package index", null));
    }
    for (int i = 0; i < changes.size(); i++) {
      BreakingChange c = changes.get(i);
      if (c.kind() != ChangeKind.PLATFORM) {
        continue;
      }
      Matcher m = DROPPED_PYTHON.matcher(c.text());
      while (m.find()) {
        String dropped = m.group(1) + "." + m.group(2);
        if (ctx.requiresPython().isEmpty()) {
          continue;
        }
        SpecifierSet spec = SpecifierSet.parse(ctx.requiresPython().get());
        if (spec.contains(Version.parse(dropped + ".0"))
            || spec.contains(Version.parse(dropped + ".99"))) {
          out.add(
              new Action(
                  c.version()
                      + " drops Python "
                      + dropped
                      + " but requires-python '"
                      + ctx.requiresPython().get()
                      + "' still allows it: raise requires-python to >="
                      + m.group(1)
                      + "."
                      + (Integer.parseInt(m.group(2)) + 1),
                  i));
        }
      }
    }
    return out;
  }
}

package nautilus.autoupdate.notes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import nautilus.autoupdate.UserError;
import nautilus.autoupdate.release.Release;
import nautilus.autoupdate.version.ReleaseRange;
import nautilus.autoupdate.version.Version;

/**
 * Picks the breaking changes of an upgrade: every release in {@link ReleaseRange} (V1, V2], in
 * version order and then in the order of the notes. A pre-release, nightly or develop target
 * includes its base release's section (which is how the "Released on TBD" top section, headed with
 * the next version, reaches that version's nightlies); a {@code .dev0} start such as {@code
 * 1.141.0.dev0} includes {@code 1.141.0}.
 */
public final class ChangeSelector {
  private final NotesParser parser;

  public ChangeSelector(NotesParser parser) {
    this.parser = parser;
  }

  public List<BreakingChange> select(
      List<Release> releases, ReleaseRange range, boolean pythonOnly) {
    return select(releases, range, pythonOnly, false);
  }

  /**
   * The same, with {@code pastNotes} accepting a target the notes do not reach yet (2.0.0rc7 when
   * they end at 1.231.0): the caller has another source of its breaks (the API diff) and says so.
   */
  public List<BreakingChange> select(
      List<Release> releases, ReleaseRange range, boolean pythonOnly, boolean pastNotes) {
    if (range.isEmpty()) {
      throw new UserError(
          "empty version range "
              + range
              + ": --to must be after --from (e.g. --from 1.219.0 --to 1.222.0)");
    }
    if (releases.isEmpty()) {
      throw new UserError("no releases to choose from (the release notes are empty)");
    }
    // An old start (before the notes' history) is fine; the target must be one the notes know.
    requireKnown(releases, range.from(), "from", true);
    if (!pastNotes) {
      requireKnown(releases, range.to(), "to", false);
    }
    List<Release> chosen =
        releases.stream()
            .filter(r -> range.includes(r.version()))
            .sorted(Comparator.comparing(Release::version))
            .toList();
    List<BreakingChange> out = new ArrayList<>();
    for (Release r : chosen) {
      for (BreakingChange c : parser.parse(r)) {
        if (!pythonOnly || c.scope().reachesPython()) {
          out.add(c);
        }
      }
    }
    return out;
  }

  /**
   * Whether {@code v} lies past the notes: after their newest release, with no section of its own
   * (not even an unreleased one): its notes are not written yet, or not in this file.
   */
  public static boolean pastNotes(List<Release> releases, Version v) {
    if (releases.isEmpty()) {
      return false;
    }
    Version base = v.baseRelease();
    return base.compareTo(newest(releases)) > 0
        && releases.stream().noneMatch(r -> r.version().baseRelease().equals(base));
  }

  /** The newest release the notes have. */
  public static Version newest(List<Release> releases) {
    return releases.stream().map(Release::version).max(Comparator.naturalOrder()).orElseThrow();
  }

  /**
   * A version is known when the notes have its release, or it falls between the oldest and the next
   * release after the newest notes (nightlies and develop builds of the upcoming version).
   */
  private static void requireKnown(
      List<Release> releases, Version v, String which, boolean olderIsFine) {
    Version base = v.baseRelease();
    Version oldest = releases.stream().map(Release::version).min(Comparator.naturalOrder()).get();
    Version newest = newest(releases);
    boolean exact = releases.stream().anyMatch(r -> r.version().baseRelease().equals(base));
    boolean inside =
        (olderIsFine || base.compareTo(oldest) >= 0) && base.compareTo(nextMinor(newest)) <= 0;
    if (!exact && !inside) {
      throw new UserError(
          "unknown version "
              + v
              + " (--"
              + which
              + "): the release notes cover "
              + oldest
              + " to "
              + newest);
    }
  }

  private static Version nextMinor(Version v) {
    return Version.parse(v.segment(0) + "." + (v.segment(1) + 1) + ".0");
  }
}

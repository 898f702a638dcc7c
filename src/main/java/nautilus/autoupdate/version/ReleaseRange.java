package nautilus.autoupdate.version;

import java.util.Optional;

/**
 * The releases whose notes apply to an upgrade from {@code from} (exclusive) to {@code to}
 * (inclusive). A pre-release, nightly or develop target includes its base release's section: the
 * notes for {@code 1.225.0} describe what {@code 1.225.0a20260323} already contains.
 */
public record ReleaseRange(Version from, Version to) {

  public ReleaseRange {
    if (from == null || to == null) {
      throw new IllegalArgumentException("both ends of a release range are required");
    }
  }

  /** The highest release-notes version that belongs to this range. */
  public Version upperNotesVersion() {
    return to.isPreRelease() ? to.baseRelease() : to.withoutLocal();
  }

  /** Whether the notes section of {@code release} belongs to this upgrade. */
  public boolean includes(Version release) {
    Version r = release.withoutLocal();
    return r.compareTo(from.withoutLocal()) > 0 && r.compareTo(upperNotesVersion()) <= 0;
  }

  /**
   * Why the notes of {@code release} only partly describe this upgrade, or empty when they apply
   * whole. A release's section lists the changes of its whole cycle; when {@code from} is a
   * nightly, develop build or pre-release of that release, the changes made before it are already
   * in it (a nightly-to-nightly or nightly-to-final upgrade inside one cycle). A {@code .dev0}
   * start precedes every change of its cycle, so its release's notes apply whole. The target's side
   * is taken whole: the section of a nightly target is what that cycle has so far.
   */
  public Optional<String> partly(Version release) {
    boolean cycleStart = from.dev().orElse(-1L) == 0 && from.preType().isEmpty();
    if (!from.isPreRelease()
        || cycleStart
        || !release.withoutLocal().equals(from.baseRelease())
        || !includes(release)) {
      return Optional.empty();
    }
    String kind =
        from.isNightly() ? "a nightly" : from.isDevelop() ? "a develop build" : "a pre-release";
    return Optional.of(
        "notes of "
            + release.withoutLocal()
            + " only partly apply: from "
            + from
            + " is "
            + kind
            + " of that release (what changed before it is already in it)");
  }

  /** True when nothing can lie in the range ({@code to} is not after {@code from}). */
  public boolean isEmpty() {
    return upperNotesVersion().compareTo(from.withoutLocal()) <= 0;
  }

  @Override
  public String toString() {
    return "(" + from + ", " + to + "]";
  }
}

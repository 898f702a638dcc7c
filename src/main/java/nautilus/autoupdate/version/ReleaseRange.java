package nautilus.autoupdate.version;

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

  /** True when nothing can lie in the range ({@code to} is not after {@code from}). */
  public boolean isEmpty() {
    return upperNotesVersion().compareTo(from.withoutLocal()) <= 0;
  }

  @Override
  public String toString() {
    return "(" + from + ", " + to + "]";
  }
}

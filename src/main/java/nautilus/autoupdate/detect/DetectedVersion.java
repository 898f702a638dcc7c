package nautilus.autoupdate.detect;

import java.time.Instant;
import nautilus.autoupdate.config.Channel;
import nautilus.autoupdate.version.Version;

/**
 * One version a source knows. {@code publishedAt} is null when the source does not say; {@code
 * notes} holds release notes the source carries (a GitHub release body), else null; {@code ref} is
 * the git tag or branch holding this version's RELEASES.md (null when unknown).
 */
public record DetectedVersion(
    Version version,
    Channel channel,
    Instant publishedAt,
    String source,
    String url,
    String ref,
    String notes) {

  public DetectedVersion(
      Version version, Instant publishedAt, String source, String url, String ref, String notes) {
    this(version, channelOf(version), publishedAt, source, url, ref, notes);
  }

  /** The narrowest channel a version belongs to. */
  public static Channel channelOf(Version v) {
    if (v.isNightly()) {
      return Channel.NIGHTLY;
    }
    if (v.isDevelop()) {
      return Channel.DEVELOP;
    }
    return v.isPreRelease() ? Channel.PRE : Channel.STABLE;
  }
}

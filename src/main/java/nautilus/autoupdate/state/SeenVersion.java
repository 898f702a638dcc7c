package nautilus.autoupdate.state;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import nautilus.autoupdate.config.Channel;
import nautilus.autoupdate.version.Version;

/**
 * A version one source reported, with when upstream published it (null when the source does not
 * say) and when we first saw it; the difference is the detection latency.
 */
public record SeenVersion(
    Version version,
    String source,
    Channel channel,
    Instant publishedAt,
    Instant firstSeenAt,
    String url) {

  public Optional<Duration> latency() {
    if (publishedAt == null || firstSeenAt == null) {
      return Optional.empty();
    }
    Duration d = Duration.between(publishedAt, firstSeenAt);
    return Optional.of(d.isNegative() ? Duration.ZERO : d);
  }
}

package nautilus.autoupdate.detect;

import java.util.List;

/**
 * A place that lists upstream versions: the package index, NautilusTrader's wheel index, GitHub.
 */
public interface VersionSource {
  /** A short stable name, stored with each version seen: {@code pypi}, {@code nautech}, ... */
  String name();

  /**
   * Every version this source currently lists.
   *
   * @throws nautilus.autoupdate.UserError naming the URL when the source cannot be read
   */
  List<DetectedVersion> poll();
}

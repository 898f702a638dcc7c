package nautilus.autoupdate.detect;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import nautilus.autoupdate.NetworkFault;
import nautilus.autoupdate.UserError;
import nautilus.autoupdate.config.Channel;
import nautilus.autoupdate.state.SeenVersion;
import nautilus.autoupdate.state.StateDb;
import nautilus.autoupdate.version.Version;

/**
 * Polls every source, records each version in the state database the first time a source reports it
 * (that moment is the detection time), and picks the newest version the channel follows. A source
 * that fails is reported as a warning and skipped; only when every source fails is the detection an
 * error.
 */
public final class Detector {

  /**
   * What one poll found: every version listed now (merged over sources, earliest publish time
   * wins), those no source had reported before, warnings, and the channel's newest version.
   */
  public record Result(
      List<DetectedVersion> available,
      List<DetectedVersion> newVersions,
      List<String> warnings,
      Optional<DetectedVersion> target) {}

  private final List<VersionSource> sources;
  private final StateDb state;
  private final Clock clock;

  public Detector(List<VersionSource> sources, StateDb state, Clock clock) {
    this.sources = List.copyOf(sources);
    this.state = state;
    this.clock = clock;
  }

  /**
   * @param record false for a dry run: nothing is written to the state database
   */
  public Result detect(Channel channel, boolean record) {
    Set<Version> known = new HashSet<>();
    state.seenVersions().forEach(s -> known.add(s.version()));
    List<String> warnings = new ArrayList<>();
    Map<Version, DetectedVersion> merged = new LinkedHashMap<>();
    int failed = 0;
    boolean allNetwork = true;
    Instant now = clock.instant();
    for (VersionSource source : sources) {
      List<DetectedVersion> found;
      try {
        found = source.poll();
      } catch (UserError e) {
        warnings.add(source.name() + ": " + e.getMessage());
        failed++;
        allNetwork &= e instanceof NetworkFault;
        continue;
      }
      for (DetectedVersion d : found) {
        if (record) {
          state.recordSeen(
              new SeenVersion(d.version(), d.source(), d.channel(), d.publishedAt(), now, d.url()));
        }
        merged.merge(d.version(), d, Detector::prefer);
      }
    }
    if (!sources.isEmpty() && failed == sources.size()) {
      String msg = "no version source could be read: " + String.join("; ", warnings);
      // Only when every source failed on the network is it worth trying again unchanged.
      throw allNetwork ? new NetworkFault(msg) : new UserError(msg);
    }
    List<DetectedVersion> available =
        merged.values().stream()
            .sorted(Comparator.comparing(DetectedVersion::version).reversed())
            .toList();
    List<DetectedVersion> fresh =
        available.stream().filter(d -> !known.contains(d.version())).toList();
    Optional<DetectedVersion> target =
        available.stream().filter(d -> channel.accepts(d.version())).findFirst();
    return new Result(available, fresh, warnings, target);
  }

  // Keep the earliest publish time and whatever notes and ref any source carried.
  private static DetectedVersion prefer(DetectedVersion a, DetectedVersion b) {
    Instant published =
        a.publishedAt() == null
            ? b.publishedAt()
            : b.publishedAt() == null || a.publishedAt().isBefore(b.publishedAt())
                ? a.publishedAt()
                : b.publishedAt();
    DetectedVersion base = a.publishedAt() == published ? a : b;
    return new DetectedVersion(
        base.version(),
        base.channel(),
        published,
        base.source(),
        base.url(),
        a.ref() != null && a.source().equals("github")
            ? a.ref()
            : b.ref() != null ? b.ref() : a.ref(),
        a.notes() != null ? a.notes() : b.notes());
  }
}

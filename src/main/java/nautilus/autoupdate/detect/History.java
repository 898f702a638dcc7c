package nautilus.autoupdate.detect;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import nautilus.autoupdate.config.Channel;
import nautilus.autoupdate.state.SeenVersion;
import nautilus.autoupdate.state.StateDb;
import nautilus.autoupdate.state.UpdateRecord;
import nautilus.autoupdate.version.Version;

/** The history {@code status} shows: one row per version seen, newest first. */
public final class History {
  private History() {}

  /**
   * One version: when upstream published it (earliest over sources), when we first saw it, the
   * latency between the two, and what the run loop did with it (nulls where nothing happened).
   */
  public record Row(
      Version version,
      Channel channel,
      Instant publishedAt,
      Instant detectedAt,
      @com.fasterxml.jackson.annotation.JsonIgnore Duration latency,
      List<String> sources,
      String recommendation,
      String branch,
      String prUrl,
      String tests,
      String state) {

    /** The latency in whole seconds for JSON readers (null when the publish time is unknown). */
    @com.fasterxml.jackson.annotation.JsonProperty("latency_seconds")
    public Long latencySeconds() {
      return latency == null ? null : latency.toSeconds();
    }
  }

  public static List<Row> rows(StateDb state) {
    Map<Version, List<SeenVersion>> byVersion = new LinkedHashMap<>();
    for (SeenVersion s : state.seenVersions()) {
      byVersion.computeIfAbsent(s.version(), k -> new ArrayList<>()).add(s);
    }
    Map<Version, UpdateRecord> updates = new LinkedHashMap<>();
    state.updates().forEach(u -> updates.put(u.version(), u));
    List<Row> rows = new ArrayList<>();
    for (Map.Entry<Version, List<SeenVersion>> e : byVersion.entrySet()) {
      List<SeenVersion> seen = e.getValue();
      Instant published =
          seen.stream()
              .map(SeenVersion::publishedAt)
              .filter(Objects::nonNull)
              .min(Comparator.naturalOrder())
              .orElse(null);
      Instant detected =
          seen.stream().map(SeenVersion::firstSeenAt).min(Comparator.naturalOrder()).orElseThrow();
      Duration latency =
          published == null
              ? null
              : Duration.between(published, detected).isNegative()
                  ? Duration.ZERO
                  : Duration.between(published, detected);
      UpdateRecord u = updates.get(e.getKey());
      rows.add(
          new Row(
              e.getKey(),
              seen.get(0).channel(),
              published,
              detected,
              latency,
              List.copyOf(new TreeSet<>(seen.stream().map(SeenVersion::source).toList())),
              state.recommendation(e.getKey()).orElse(null),
              u == null ? null : u.branch(),
              u == null ? null : u.prUrl(),
              u == null ? null : u.tests(),
              u == null ? "seen" : u.status().id()));
    }
    rows.sort(Comparator.comparing(Row::version).reversed());
    return rows;
  }
}

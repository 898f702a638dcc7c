package nautilus.autoupdate.api;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import nautilus.autoupdate.UserError;
import nautilus.autoupdate.version.Version;

/**
 * The {@link ApiDiffSource} of {@code check}: the comparison from the cache under state_dir, else
 * made from the package index (range reads) unless offline; offline, only cached snapshots and
 * distributions are used. The runtime step is never run here (it installs the package and takes
 * minutes; {@code api-diff --introspect} does it and its snapshots are then reused).
 */
public final class DiffLookup implements ApiDiffSource {
  private final ApiSnapshots snapshots;
  private final boolean offline;
  private final Consumer<String> log;

  public DiffLookup(ApiSnapshots snapshots, boolean offline, Consumer<String> log) {
    this.snapshots = snapshots;
    this.offline = offline;
    this.log = log;
  }

  @Override
  public Found diff(String packageName, Version from, Version to) {
    ApiSnapshots.Options fromOptions = local(packageName, from);
    ApiSnapshots.Options toOptions = local(packageName, to);
    if (offline
        && !Files.isRegularFile(snapshots.diffFile(packageName, from, to, options(null)))
        && (fromOptions == null || toOptions == null)) {
      List<String> missing = new ArrayList<>();
      if (fromOptions == null) {
        missing.add(from.toString());
      }
      if (toOptions == null) {
        missing.add(to.toString());
      }
      return Found.none(
          "--offline: no cached API snapshot or distribution of "
              + packageName
              + " "
              + String.join(" and ", missing)
              + " under "
              + snapshots.snapshotFile(packageName, to, options(null)).getParent().getParent()
              + " (run check once online, or api-diff --from "
              + from
              + " --to "
              + to
              + ")");
    }
    try {
      ApiSnapshots.Comparison c =
          snapshots.compare(
              packageName,
              from,
              to,
              fromOptions != null ? fromOptions : options(null),
              toOptions != null ? toOptions : options(null));
      return new Found(c.changes(), c.skipped(), null);
    } catch (UserError e) {
      // The notes still give a report; the diff only adds to it. Say why it is missing.
      log.accept("warning: API diff skipped: " + e.getMessage());
      return Found.none(e.getMessage());
    }
  }

  /**
   * Options reading a version from the cache only (its snapshot, or a cached distribution); null
   * when the cache has neither. Online, a version missing from the cache is read from the index.
   */
  private ApiSnapshots.Options local(String packageName, Version version) {
    if (Files.isRegularFile(snapshots.snapshotFile(packageName, version, options(null)))) {
      return options(null);
    }
    Optional<Path> dir = snapshots.cachedDistDir(packageName, version);
    if (dir.isPresent()) {
      return options(dir.get());
    }
    return offline ? null : options(null);
  }

  private static ApiSnapshots.Options options(Path distDir) {
    return new ApiSnapshots.Options(distDir, null, ApiSnapshots.Introspect.SKIP);
  }
}

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
 * made from the models (the shared {@link ModelCache}, else the package index by range reads,
 * unless offline); offline, only cached models and distributions are used. The runtime step is
 * never run here (it installs the package and takes minutes; {@code api-diff --introspect} does it
 * and its snapshots are then reused).
 */
public final class DiffLookup implements ApiDiffSource {
  private final ApiSnapshots snapshots;
  private final boolean offline;
  private final Consumer<String> log;
  private final boolean cacheOnly;
  private final java.util.Map<Version, Optional<ApiModel>> models =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final java.util.Map<Version, String> whyNot =
      new java.util.concurrent.ConcurrentHashMap<>();

  public DiffLookup(ApiSnapshots snapshots, boolean offline, Consumer<String> log) {
    this(snapshots, offline, false, log);
  }

  /**
   * @param cacheOnly models are read from the model cache only, never built (a dry run writes
   *     nothing, and building a model writes it to the cache)
   */
  public DiffLookup(
      ApiSnapshots snapshots, boolean offline, boolean cacheOnly, Consumer<String> log) {
    this.snapshots = snapshots;
    this.offline = offline || cacheOnly;
    this.cacheOnly = cacheOnly;
    this.log = log;
  }

  /**
   * The model of {@code version}: from the shared model cache, else (unless offline or cache-only)
   * built from a cached distribution or the package index, and cached for every repository.
   */
  @Override
  public Optional<ApiModel> model(String packageName, Version version) {
    return models.computeIfAbsent(version, v -> load(packageName, v));
  }

  @Override
  public String noModel(String packageName, Version version) {
    return whyNot.getOrDefault(
        version, "no API model of " + packageName + " " + version + " was asked for");
  }

  private Optional<ApiModel> load(String packageName, Version version) {
    Path file = snapshots.snapshotFile(packageName, version, options(null));
    Optional<ApiSnapshot> cached = snapshots.models().read(file);
    if (cached.isPresent()) {
      return cached.map(ApiModel::of);
    }
    ApiSnapshots.Options o = cacheOnly ? null : local(packageName, version);
    if (o == null) {
      whyNot.put(
          version,
          "no cached API model of "
              + packageName
              + " "
              + version
              + " in "
              + snapshots.models().dir()
              + (cacheOnly ? " (a dry run reads only cached models)" : " (--offline)")
              + "; run check once online");
      return Optional.empty();
    }
    try {
      return Optional.of(ApiModel.of(snapshots.snapshot(packageName, version, o).snapshot()));
    } catch (UserError e) {
      log.accept("warning: no API model of " + packageName + " " + version + ": " + e.getMessage());
      whyNot.put(version, "no API model of " + packageName + " " + version + ": " + e.getMessage());
      return Optional.empty();
    }
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
              + snapshots.models().dir()
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
      java.util.Map<String, String> origins = new java.util.LinkedHashMap<>();
      c.sources().forEach((v, list) -> origins.put(v, ApiSnapshots.origin(list)));
      return new Found(c.changes(), c.skipped(), null, origins);
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

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
 * and its snapshots are then reused). With {@code cacheOnly} (a dry run) the diff too is read only
 * from its cache. A version a git pin puts at an upstream commit ({@link #atCommit}) is modelled
 * from that commit's source, cached apart from the release.
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

  /** Versions whose sources failed (not merely absent offline), and those already warned of. */
  private final java.util.Set<Version> failed = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private final java.util.Set<Version> told = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final java.util.Map<Version, String> commits;

  public DiffLookup(ApiSnapshots snapshots, boolean offline, Consumer<String> log) {
    this(snapshots, offline, false, log);
  }

  public DiffLookup(
      ApiSnapshots snapshots, boolean offline, boolean cacheOnly, Consumer<String> log) {
    this(snapshots, offline, cacheOnly, log, java.util.Map.of());
  }

  /**
   * @param cacheOnly models are read from the model cache only, never built (a dry run writes
   *     nothing, and building a model writes it to the cache)
   */
  private DiffLookup(
      ApiSnapshots snapshots,
      boolean offline,
      boolean cacheOnly,
      Consumer<String> log,
      java.util.Map<Version, String> commits) {
    this.snapshots = snapshots;
    this.offline = offline || cacheOnly;
    this.cacheOnly = cacheOnly;
    this.log = log;
    this.commits = java.util.Map.copyOf(commits);
  }

  @Override
  public ApiDiffSource atCommit(Version version, String commit) {
    if (commit == null || commit.isBlank()) {
      return this;
    }
    if (!commit.strip().matches("[0-9a-fA-F]{7,40}")) {
      // It goes into a URL and a file name; anything else names no fixed code either.
      return ApiDiffSource.off(
          "the git pin of " + version + " names '" + commit.strip() + "', not a commit hash");
    }
    java.util.Map<Version, String> more = new java.util.HashMap<>(commits);
    more.put(version, commit.strip());
    return new DiffLookup(snapshots, offline, cacheOnly, log, more);
  }

  /**
   * The model of {@code version}: from the shared model cache, else (unless offline or cache-only)
   * built from a cached distribution or the package index, and cached for every repository. Each
   * version's sources are asked once per lookup: the diff and this share the answer.
   */
  @Override
  public Optional<ApiModel> model(String packageName, Version version) {
    Optional<ApiModel> m = loaded(packageName, version);
    if (m.isEmpty() && failed.contains(version) && told.add(version)) {
      log.accept("warning: " + whyNot.get(version));
    }
    return m;
  }

  @Override
  public String noModel(String packageName, Version version) {
    return whyNot.getOrDefault(
        version, "no API model of " + packageName + " " + version + " was asked for");
  }

  /** The model of {@code version}, asked of its sources only the first time. */
  private Optional<ApiModel> loaded(String packageName, Version version) {
    return models.computeIfAbsent(version, v -> load(packageName, v));
  }

  private Optional<ApiModel> load(String packageName, Version version) {
    Path file = snapshots.snapshotFile(packageName, version, options(version, null));
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
              + at(version)
              + " in "
              + snapshots.models().dir()
              + (cacheOnly ? " (a dry run reads only cached models)" : " (--offline)")
              + "; run check once online");
      return Optional.empty();
    }
    try {
      return Optional.of(ApiModel.of(snapshots.snapshot(packageName, version, o).snapshot()));
    } catch (UserError e) {
      whyNot.put(
          version,
          "no API model of " + packageName + " " + version + at(version) + ": " + e.getMessage());
      failed.add(version);
      return Optional.empty();
    }
  }

  @Override
  public Found diff(String packageName, Version from, Version to) {
    return find(packageName, from, to, true);
  }

  @Override
  public Found diffQuietly(String packageName, Version from, Version to) {
    return find(packageName, from, to, false);
  }

  private Found find(String packageName, Version from, Version to, boolean warn) {
    ApiSnapshots.Options fromOptions = local(packageName, from);
    ApiSnapshots.Options toOptions = local(packageName, to);
    ApiSnapshots.Options fromPlain = options(from, null);
    ApiSnapshots.Options toPlain = options(to, null);
    Optional<ApiSnapshots.Comparison> cachedDiff =
        snapshots.cachedComparison(packageName, from, to, fromPlain, toPlain);
    if (cachedDiff.isPresent()) {
      return found(cachedDiff.get());
    }
    if (cacheOnly) {
      return lacking(
          packageName,
          from,
          to,
          "dry run: only a cached API diff is read, and "
              + snapshots.diffFile(packageName, from, to, fromPlain, toPlain)
              + " does not exist");
    }
    if (offline && (fromOptions == null || toOptions == null)) {
      List<String> missing = new ArrayList<>();
      if (fromOptions == null) {
        missing.add(from + at(from));
      }
      if (toOptions == null) {
        missing.add(to + at(to));
      }
      return lacking(
          packageName,
          from,
          to,
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
    // Each model is a few MB of JSON: the target's cached one is read on another core meanwhile
    // (only read: loading it, and saying why it is missing, stays below).
    Path ahead = snapshots.snapshotFile(packageName, to, options(to, null));
    java.util.concurrent.CompletableFuture<Void> reading =
        java.util.concurrent.CompletableFuture.runAsync(() -> snapshots.models().prefetch(ahead));
    Optional<ApiModel> a = loaded(packageName, from);
    reading.join();
    Optional<ApiModel> b = loaded(packageName, to);
    if (a.isEmpty() || b.isEmpty()) {
      List<String> why = new ArrayList<>();
      for (Version v : List.of(from, to)) {
        if (loaded(packageName, v).isEmpty()) {
          why.add(whyNot.get(v));
        }
      }
      // The notes still give a report; the diff only adds to it. Say why it is missing, once: a
      // later model() of those versions adds no second warning.
      if (warn) {
        log.accept("warning: API diff skipped: " + String.join("; ", why));
        told.addAll(List.of(from, to));
      }
      return lacking(packageName, from, to, String.join("; ", why));
    }
    try {
      return found(
          snapshots.compare(
              packageName,
              from,
              to,
              fromOptions != null ? fromOptions : fromPlain,
              toOptions != null ? toOptions : toPlain,
              new ApiSnapshots.Result(a.get().snapshot(), true, 0, 0, 0),
              new ApiSnapshots.Result(b.get().snapshot(), true, 0, 0, 0)));
    } catch (UserError e) {
      if (warn) {
        log.accept("warning: API diff skipped: " + e.getMessage());
      }
      return Found.none(e.getMessage());
    }
  }

  private static Found found(ApiSnapshots.Comparison c) {
    java.util.Map<String, String> origins = new java.util.LinkedHashMap<>();
    c.sources().forEach((v, list) -> origins.put(v, ApiSnapshots.origin(list)));
    return new Found(c.changes(), c.skipped(), null, origins);
  }

  /**
   * No diff, for {@code why}: which version has no model (each looked up once, as {@link #model}
   * would), and the target's model when it is the version we are on that has none.
   */
  private Found lacking(String packageName, Version from, Version to, String why) {
    List<String> missing = new ArrayList<>();
    for (Version v : List.of(from, to)) {
      if (loaded(packageName, v).isEmpty()) {
        missing.add(v.toString());
      }
    }
    Optional<ApiModel> target = loaded(packageName, to);
    if (missing.isEmpty() || target.isEmpty()) {
      return new Found(List.of(), List.of(), why, null, missing, null);
    }
    return Found.lacking(
        why,
        missing,
        to.toString(),
        target.get(),
        ApiSnapshots.origin(target.get().snapshot().sources()));
  }

  /**
   * Options reading a version from the cache only (its snapshot, or a cached distribution); null
   * when the cache has neither. Online, a version missing from the cache is read from the index.
   */
  private ApiSnapshots.Options local(String packageName, Version version) {
    ApiSnapshots.Options plain = options(version, null);
    if (Files.isRegularFile(snapshots.snapshotFile(packageName, version, plain))) {
      return plain;
    }
    // A cached wheel is the release's code, not a pinned commit's.
    Optional<Path> dir =
        commits.containsKey(version)
            ? Optional.empty()
            : snapshots.cachedDistDir(packageName, version);
    if (dir.isPresent()) {
      return options(version, dir.get());
    }
    return offline ? null : plain;
  }

  private ApiSnapshots.Options options(Version version, Path distDir) {
    return new ApiSnapshots.Options(
        distDir, null, ApiSnapshots.Introspect.SKIP, commits.get(version));
  }

  /** " at commit <sha>" for a version a git pin puts at a commit, else empty. */
  private String at(Version version) {
    String c = commits.get(version);
    return c == null ? "" : " at commit " + c;
  }
}

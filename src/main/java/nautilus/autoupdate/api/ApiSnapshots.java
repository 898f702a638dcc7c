package nautilus.autoupdate.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import nautilus.autoupdate.AtomicFiles;
import nautilus.autoupdate.Json;
import nautilus.autoupdate.UserError;
import nautilus.autoupdate.api.ApiSnapshot.ModuleApi;
import nautilus.autoupdate.version.Version;

/**
 * Produces the {@link ApiSnapshot} of a package version, cached in the shared {@link ModelCache}
 * (distributions and diffs under {@code <state_dir>/api/}): finds the distribution (a local folder
 * or the package index), reads a wheel with range requests when it can, adds Cython sources and,
 * when asked or needed, runtime introspection.
 */
public final class ApiSnapshots {
  /**
   * Whether to run the runtime step: always, never, or only for compiled modules without source.
   */
  public enum Introspect {
    FORCE,
    SKIP,
    AUTO
  }

  /**
   * Where to look and what to run for one snapshot.
   *
   * @param commit null, or the upstream commit the version is at (a git pin): the model is then
   *     read from the source at that commit, never from the version's wheel, and cached apart
   */
  public record Options(Path distDir, Path sourceDir, Introspect introspect, String commit) {
    public Options {
      // It goes into a URL and a file name.
      if (commit != null && !commit.matches("[0-9a-fA-F]{7,40}")) {
        throw new UserError("'" + commit + "' is not a commit hash (expected 7 to 40 hex digits)");
      }
    }

    /** The cache-key part of the commit: {@code @<sha>}, empty without one. */
    String commitKey() {
      return commit == null ? "" : "@" + commit.toLowerCase(Locale.ROOT);
    }
  }

  /** A snapshot and what producing it cost. */
  public record Result(
      ApiSnapshot snapshot,
      boolean cached,
      long bytesDownloaded,
      long bytesFullFile,
      long downloadMillis) {}

  private final Http http;
  private final Path stateDir;
  private final String indexUrl;
  private final Introspector introspector;
  private final PythonFinder pythons;
  private final Consumer<String> log;
  private final ModelCache models;
  private Upstream upstream = Upstream.NONE;

  /**
   * Where a version the package index does not hold is looked for: NautilusTrader's own index
   * (first, for nightly and develop versions), then the upstream source at the release tag from
   * GitHub's tarball endpoint. PyPI keeps only the last releases, so without these most pinned
   * versions would have no model. Any part may be null (not used). The token goes only to {@code
   * githubApiUrl}; {@link Http} drops it when the tarball redirects to another host.
   */
  public record Upstream(String nightlyIndexUrl, String githubApiUrl, String repo, String token) {
    public static final Upstream NONE = new Upstream(null, null, null, null);

    @Override
    public String toString() {
      return "Upstream[" + nightlyIndexUrl + ", " + githubApiUrl + ", " + repo + "]";
    }
  }

  /** Uses {@code upstream} for versions the package index lacks; returns this. */
  public ApiSnapshots withUpstream(Upstream upstream) {
    this.upstream = upstream == null ? Upstream.NONE : upstream;
    return this;
  }

  /** The prefix of the snapshot source naming where its files came from ({@link #origin}). */
  static final String ORIGIN = "model from ";

  /**
   * Where a model's files came from, in a word a report can show: "pypi wheel", "nautech index",
   * "github tarball v1.200.0", "local distribution"; older cached models say only their URL.
   */
  public static String origin(List<String> snapshotSources) {
    for (String s : snapshotSources) {
      if (s.startsWith(ORIGIN)) {
        return s.substring(ORIGIN.length());
      }
    }
    return snapshotSources.isEmpty() ? "unknown" : snapshotSources.get(0);
  }

  public ApiSnapshots(
      Http http,
      Path stateDir,
      ModelCache models,
      String indexUrl,
      Introspector introspector,
      PythonFinder pythons,
      Consumer<String> log) {
    this.http = http;
    this.stateDir = stateDir;
    this.models = models;
    this.indexUrl = indexUrl;
    this.introspector = introspector;
    this.pythons = pythons;
    this.log = log;
  }

  public Path snapshotFile(String packageName, Version version, Options options) {
    // Keyed by commit too: two commits of one version are two models.
    return models.file(
        packageName, version, (options.sourceDir() != null ? "+source" : "") + options.commitKey());
  }

  public ModelCache models() {
    return models;
  }

  public Result snapshot(String packageName, Version version, Options options) {
    Path cache = snapshotFile(packageName, version, options);
    Optional<ApiSnapshot> cached = models.read(cache);
    if (cached.isPresent()
        && (options.introspect() != Introspect.FORCE
            || cached.get().sources().stream().anyMatch(s -> s.startsWith("runtime")))) {
      return new Result(cached.get(), true, 0, 0, 0);
    }
    long t0 = System.nanoTime();
    Located dist = locate(packageName, version, options.distDir(), options.commit());
    long downloadMillis = (System.nanoTime() - t0) / 1_000_000;
    SnapshotBuilder builder = new SnapshotBuilder(packageName);
    List<String> sources = new ArrayList<>();
    sources.add(dist.describe());
    sources.add(ORIGIN + dist.origin());
    ApiSnapshot snap;
    try {
      snap = builder.build(version.toString(), DistContents.read(dist.file()), sources);
    } finally {
      if (dist.temporary()) {
        // A source tarball is tens of MB and only its model is kept.
        deleteQuietly(dist.file());
      }
    }
    if (options.sourceDir() != null) {
      if (!Files.isDirectory(options.sourceDir())) {
        throw new UserError("--source " + options.sourceDir() + " is not a directory");
      }
      ApiSnapshot src =
          builder.build(version.toString(), DistContents.read(options.sourceDir()), List.of());
      snap = combine(snap, src.modules(), "source " + options.sourceDir(), List.of());
    }
    snap = introspect(packageName, version, options, dist, snap);
    models.write(cache, snap);
    return new Result(snap, false, dist.downloaded(), dist.fullSize(), downloadMillis);
  }

  /**
   * What {@code api-diff} reports: both versions' sources and gaps, the changes (not yet linked to
   * notes) and what producing it cost.
   */
  @com.fasterxml.jackson.annotation.JsonPropertyOrder({
    "package_name",
    "from",
    "to",
    "format",
    "diff_format",
    "sources",
    "skipped",
    "changes"
  })
  public record Comparison(
      String packageName,
      String from,
      String to,
      int format,
      int diffFormat,
      Map<String, List<String>> sources,
      List<String> skipped,
      List<ApiChange> changes,
      @com.fasterxml.jackson.annotation.JsonIgnore boolean cached,
      @com.fasterxml.jackson.annotation.JsonIgnore long bytesDownloaded,
      @com.fasterxml.jackson.annotation.JsonIgnore long bytesFullFiles,
      @com.fasterxml.jackson.annotation.JsonIgnore long downloadMillis) {}

  /**
   * Snapshots both versions and diffs them. The result is cached too, so a repeated comparison
   * reads one small file instead of two large snapshots.
   */
  public Comparison compare(
      String packageName, Version from, Version to, Options fromOptions, Options toOptions) {
    Optional<Comparison> cached = cachedComparison(packageName, from, to, fromOptions, toOptions);
    if (cached.isPresent()) {
      return cached.get();
    }
    Result a = snapshot(packageName, from, fromOptions);
    Result b = snapshot(packageName, to, toOptions);
    return compare(packageName, from, to, fromOptions, toOptions, a, b);
  }

  /** The comparison cached by an earlier {@link #compare}, if any (of the current format). */
  public Optional<Comparison> cachedComparison(
      String packageName, Version from, Version to, Options fromOptions, Options toOptions) {
    Path cache = diffFile(packageName, from, to, fromOptions, toOptions);
    if (!Files.isRegularFile(cache)) {
      return Optional.empty();
    }
    try {
      Comparison c = Json.mapper().readValue(cache.toFile(), Comparison.class);
      // A cached diff of older snapshots, or written by an older diff, is made again.
      if (c.format() == ApiSnapshot.FORMAT && c.diffFormat() == ApiDiff.FORMAT) {
        return Optional.of(
            new Comparison(
                c.packageName(),
                c.from(),
                c.to(),
                c.format(),
                c.diffFormat(),
                c.sources(),
                c.skipped(),
                c.changes(),
                true,
                0,
                0,
                0));
      }
    } catch (IOException e) {
      log.accept("warning: ignoring unreadable cached diff " + cache);
    }
    return Optional.empty();
  }

  /**
   * Diffs two snapshots already made (for a caller that keeps its models, so no version is looked
   * up twice) and caches the comparison like {@link #compare}.
   */
  public Comparison compare(
      String packageName,
      Version from,
      Version to,
      Options fromOptions,
      Options toOptions,
      Result a,
      Result b) {
    Path cache = diffFile(packageName, from, to, fromOptions, toOptions);
    Map<String, List<String>> sources = new java.util.LinkedHashMap<>();
    sources.put(from.toString(), a.snapshot().sources());
    sources.put(to.toString(), b.snapshot().sources());
    List<String> skipped = new ArrayList<>(a.snapshot().skipped());
    skipped.addAll(b.snapshot().skipped());
    Comparison c =
        new Comparison(
            packageName,
            from.toString(),
            to.toString(),
            ApiSnapshot.FORMAT,
            ApiDiff.FORMAT,
            sources,
            skipped,
            ApiDiff.diff(a.snapshot(), b.snapshot()),
            a.cached() && b.cached(),
            a.bytesDownloaded() + b.bytesDownloaded(),
            a.bytesFullFile() + b.bytesFullFile(),
            a.downloadMillis() + b.downloadMillis());
    try {
      AtomicFiles.write(cache, Json.mapper().writeValueAsBytes(c));
    } catch (IOException e) {
      throw new UserError("cannot write the API diff cache " + cache + ": " + e.getMessage(), e);
    }
    return c;
  }

  /** Where the comparison of {@code from} and {@code to} is cached. */
  public Path diffFile(
      String packageName, Version from, Version to, Options fromOptions, Options toOptions) {
    String suffix =
        (toOptions.sourceDir() != null ? "+source" : "")
            + (toOptions.introspect() == Introspect.FORCE ? "+runtime" : "");
    return stateDir.resolve(
        "api/diffs/"
            + SnapshotBuilder.importName(packageName)
            + "-"
            + from
            + fromOptions.commitKey()
            + "-"
            + to
            + toOptions.commitKey()
            + suffix
            + ".json");
  }

  /**
   * The folder of the cache holding a distribution of {@code version} (whole files first, then
   * range-read wheels), for use as a {@code distDir} without asking the index.
   */
  public Optional<Path> cachedDistDir(String packageName, Version version) {
    Path dists = stateDir.resolve("api/dists");
    for (Path dir : List.of(dists, dists.resolve("slim"))) {
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> s = Files.list(dir)) {
        if (s.anyMatch(
            p ->
                Files.isRegularFile(p)
                    && new DistFile(p.getFileName().toString(), "", -1)
                        .isOf(packageName, version))) {
          return Optional.of(dir);
        }
      } catch (IOException e) {
        throw new UserError("cannot list the distribution cache " + dir + ": " + e.getMessage(), e);
      }
    }
    return Optional.empty();
  }

  private ApiSnapshot introspect(
      String packageName, Version version, Options options, Located dist, ApiSnapshot snap) {
    List<String> targets = new ArrayList<>();
    for (ModuleApi m : snap.modules().values()) {
      if (options.introspect() == Introspect.FORCE || m.origin().equals("extension")) {
        targets.add(m.name());
      }
    }
    if (options.introspect() == Introspect.SKIP || targets.isEmpty()) {
      return snap;
    }
    String python = dist.python();
    String install =
        dist.fullWheel() ? dist.file().toAbsolutePath().toString() : packageName + "==" + version;
    log.accept(
        "introspecting "
            + targets.size()
            + " module(s) of "
            + packageName
            + " "
            + version
            + " at runtime");
    Introspector.Outcome o =
        introspector.introspect(
            packageName,
            version.toString(),
            python,
            install,
            dist.fromIndex() ? indexUrl : null,
            targets);
    List<String> skipped = new ArrayList<>(o.skipped());
    if (!o.skipped().isEmpty()) {
      o.skipped().forEach(s -> log.accept("warning: " + s));
    }
    return combine(snap, o.modules(), o.source(), skipped);
  }

  /** Adds modules read another way: sources first for what they know, the extra fills the rest. */
  static ApiSnapshot combine(
      ApiSnapshot snap, Map<String, ModuleApi> extra, String source, List<String> skipped) {
    Map<String, ModuleApi> modules = new TreeMap<>(snap.modules());
    for (ModuleApi m : extra.values()) {
      ModuleApi have = modules.get(m.name());
      modules.put(
          m.name(),
          have == null || have.origin().equals("extension") ? m : SnapshotBuilder.merge(have, m));
    }
    List<String> sources = new ArrayList<>(snap.sources());
    if (source != null) {
      sources.add(source);
    }
    // What was skipped for a module the extra reading covers no longer applies.
    List<String> allSkipped = new ArrayList<>();
    for (String s : snap.skipped()) {
      int colon = s.indexOf(':');
      if (colon < 0 || !extra.containsKey(s.substring(0, colon))) {
        allSkipped.add(s);
      }
    }
    allSkipped.addAll(skipped);
    return new ApiSnapshot(
        snap.packageName(), snap.version(), snap.format(), sources, allSkipped, modules);
  }

  /** A distribution file at hand, how it was obtained, and which Python its wheel needs. */
  record Located(
      Path file,
      String describe,
      long downloaded,
      long fullSize,
      boolean fullWheel,
      boolean fromIndex,
      String python,
      String origin,
      boolean temporary) {}

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // Left behind under api/dists; the next download of it replaces it atomically.
    }
  }

  Located locate(String packageName, Version version, Path distDir, String commit) {
    if (distDir != null) {
      List<DistFile> local = new ArrayList<>();
      if (!Files.isDirectory(distDir)) {
        throw new UserError("--dist-dir " + distDir + " is not a directory");
      }
      try (Stream<Path> s = Files.list(distDir)) {
        s.forEach(
            p -> local.add(new DistFile(p.getFileName().toString(), p.toUri().toString(), -1)));
      } catch (IOException e) {
        throw new UserError("cannot list --dist-dir " + distDir + ": " + e.getMessage(), e);
      }
      DistFile f =
          choose(local.stream().filter(d -> d.isOf(packageName, version)).toList())
              .orElseThrow(
                  () ->
                      new UserError(
                          "no wheel or sdist of "
                              + packageName
                              + " "
                              + version
                              + " in "
                              + distDir
                              + " (expected e.g. "
                              + SnapshotBuilder.importName(packageName)
                              + "-"
                              + version
                              + "-py3-none-any.whl)"));
      Path p = distDir.resolve(f.filename());
      return new Located(
          p, p.toString(), 0, 0, f.isWheel(), false, pythonOf(f), "local distribution", false);
    }
    List<String> tried = new ArrayList<>();
    if (commit != null) {
      // A git pin's code is that commit's, which no wheel of the version need be.
      Located l =
          fromGithub(
              packageName,
              version,
              List.of(commit),
              "github tarball " + short7(commit) + " (git pin)",
              tried);
      if (l == null) {
        throw new UserError(String.join("; ", tried));
      }
      return l;
    }
    boolean nautechFirst = version.isNightly() || version.isDevelop();
    if (nautechFirst) {
      Located l = fromIndex(packageName, version, upstream.nightlyIndexUrl(), "nautech", tried);
      if (l != null) {
        return l;
      }
    }
    Located l = fromIndex(packageName, version, indexUrl, "pypi", tried);
    if (l == null && !nautechFirst) {
      l = fromIndex(packageName, version, upstream.nightlyIndexUrl(), "nautech", tried);
    }
    if (l == null) {
      l = fromGithub(packageName, version, tried);
    }
    if (l == null) {
      throw new UserError(String.join("; ", tried));
    }
    return l;
  }

  /**
   * The distribution of {@code version} on the simple index at {@code url}; null (and why in {@code
   * tried}) when the index has none or cannot be read, so the next source is asked.
   */
  private Located fromIndex(
      String packageName, Version version, String url, String which, List<String> tried) {
    if (url == null || url.isBlank()) {
      return null;
    }
    PackageIndex index = new PackageIndex(http, url);
    List<DistFile> files;
    try {
      files = index.files(packageName, version);
    } catch (UserError e) {
      tried.add(e.getMessage());
      return null;
    }
    Optional<DistFile> f = choose(files);
    if (f.isEmpty()) {
      tried.add(
          "no wheel or sdist of " + packageName + " " + version + " on " + index.url(packageName));
      return null;
    }
    String origin =
        which.equals("nautech") ? "nautech index" : f.get().isWheel() ? "pypi wheel" : "pypi sdist";
    return fetch(f.get(), origin);
  }

  /**
   * The upstream source of {@code version} from GitHub's tarball endpoint: a release at its tag
   * ({@code v1.200.0}, else {@code 1.200.0}); a nightly or develop build at the last commit of the
   * {@code nightly} or {@code develop} branch on its date (they have no tag). Null (and why in
   * {@code tried}) when GitHub has none or cannot be asked.
   */
  private Located fromGithub(String packageName, Version version, List<String> tried) {
    if (upstream.githubApiUrl() == null || upstream.repo() == null) {
      return null;
    }
    if (!version.isNightly() && !version.isDevelop()) {
      return fromGithub(
          packageName, version, List.of("v" + version, version.toString()), null, tried);
    }
    String branch = version.isNightly() ? "nightly" : "develop";
    java.time.LocalDate date = buildDate(version);
    if (date == null) {
      tried.add("no build date in " + version + " to find its " + branch + " commit");
      return null;
    }
    String sha = branchCommit(branch, date, tried);
    if (sha == null) {
      return null;
    }
    return fromGithub(
        packageName,
        version,
        List.of(sha),
        "github tarball " + branch + "@" + short7(sha) + " (" + date + ")",
        tried);
  }

  /**
   * The first of {@code refs} GitHub's tarball endpoint serves; {@code origin} names it (null:
   * "github tarball <ref>"). A 404 tries the next ref; any other failure stops, named in {@code
   * tried}.
   */
  private Located fromGithub(
      String packageName, Version version, List<String> refs, String origin, List<String> tried) {
    if (upstream.githubApiUrl() == null || upstream.repo() == null) {
      tried.add(
          "no github_api_url or upstream_repo to read "
              + packageName
              + " "
              + version
              + " at "
              + String.join(" or ", refs));
      return null;
    }
    String api = githubApi();
    for (String ref : refs) {
      java.net.URI uri = java.net.URI.create(api + "/repos/" + upstream.repo() + "/tarball/" + ref);
      log.accept("downloading the source of " + packageName + " " + version + " from " + uri);
      Http.Response r;
      try {
        r = http.download(uri, githubHeaders());
      } catch (UserError e) {
        tried.add(e.getMessage());
        return null;
      }
      if (r.status() == 404 && refs.size() > 1) {
        continue;
      }
      if (r.status() != 200) {
        tried.add(refused(uri, r));
        return null;
      }
      Path file =
          stateDir.resolve(
              "api/dists/github/"
                  + SnapshotBuilder.importName(packageName)
                  + "-"
                  + ref
                  + ".tar.gz");
      AtomicFiles.write(file, r.body());
      return new Located(
          file,
          uri.toString(),
          r.body().length,
          r.body().length,
          false,
          false,
          null,
          origin != null ? origin : "github tarball " + ref,
          true);
    }
    tried.add(
        "no tag " + String.join(" or ", refs) + " in " + upstream.repo() + " on " + githubApi());
    return null;
  }

  /**
   * The commit {@code branch} was at on {@code date} (UTC): the newest commit of the branch dated
   * that day or before, from GitHub's list-commits endpoint. A nightly is built from the branch
   * once a day, so this is its code unless commits landed later that day.
   */
  private String branchCommit(String branch, java.time.LocalDate date, List<String> tried) {
    java.net.URI uri =
        java.net.URI.create(
            githubApi()
                + "/repos/"
                + upstream.repo()
                + "/commits?sha="
                + branch
                + "&until="
                + date
                + "T23:59:59Z&per_page=1");
    Http.Response r;
    try {
      r = http.get(uri, githubHeaders());
    } catch (UserError e) {
      tried.add(e.getMessage());
      return null;
    }
    if (r.status() != 200) {
      tried.add(refused(uri, r));
      return null;
    }
    try {
      com.fasterxml.jackson.databind.JsonNode commits = Json.mapper().readTree(r.body());
      String sha = commits.path(0).path("sha").asText("");
      if (sha.matches("[0-9a-fA-F]{7,64}")) {
        return sha;
      }
      tried.add("no commit of " + branch + " on or before " + date + " at " + uri);
    } catch (IOException e) {
      tried.add(uri + " answered a body that is not JSON (" + e.getMessage() + ")");
    }
    return null;
  }

  /** Why GitHub did not serve {@code uri}: its status, and a rate limit said as one. */
  private static String refused(java.net.URI uri, Http.Response r) {
    boolean limited =
        r.status() == 429
            || (r.status() == 403
                && r.header("x-ratelimit-remaining").map(String::strip).orElse("").equals("0"));
    return uri
        + " answered HTTP "
        + r.status()
        + (limited ? " (rate limited; set GITHUB_TOKEN)" : "")
        + " (expected 200)";
  }

  private String githubApi() {
    return upstream.githubApiUrl().replaceAll("/+$", "");
  }

  private Map<String, String> githubHeaders() {
    Map<String, String> headers = new java.util.LinkedHashMap<>();
    headers.put("Accept", "application/vnd.github+json");
    if (upstream.token() != null && !upstream.token().isBlank()) {
      headers.put("Authorization", "Bearer " + upstream.token());
    }
    return headers;
  }

  /** The date a nightly ({@code a20251229}) or develop ({@code .dev20241212}) build names. */
  static java.time.LocalDate buildDate(Version version) {
    long n = version.isNightly() ? version.preNumber() : version.dev().orElse(0L);
    try {
      return java.time.LocalDate.parse(
          Long.toString(n), java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }

  private static String short7(String sha) {
    return sha.length() > 7 ? sha.substring(0, 7) : sha;
  }

  private Located fetch(DistFile f, String origin) {
    Path dir = stateDir.resolve("api/dists");
    Path full = dir.resolve(f.filename());
    // Same name in its own folder: a slim wheel still reads as a wheel.
    Path slim = dir.resolve("slim").resolve(f.filename());
    if (Files.isRegularFile(full)) {
      return new Located(full, f.url(), 0, 0, f.isWheel(), true, pythonOf(f), origin, false);
    }
    if (Files.isRegularFile(slim)) {
      return new Located(
          slim, f.url() + " (range read)", 0, 0, false, true, pythonOf(f), origin, false);
    }
    try {
      if (f.isWheel()) {
        log.accept("reading " + f.filename() + " from " + f.url() + " (range requests)");
        RemoteZip.Result r = new RemoteZip(http, 8).fetch(f.url(), slim, DistContents::isSource);
        if (!r.ranged()) {
          Files.move(
              slim,
              full,
              java.nio.file.StandardCopyOption.ATOMIC_MOVE,
              java.nio.file.StandardCopyOption.REPLACE_EXISTING);
          return new Located(
              full, f.url(), r.downloaded(), r.fullSize(), true, true, pythonOf(f), origin, false);
        }
        return new Located(
            slim,
            f.url() + " (range read)",
            r.downloaded(),
            r.fullSize(),
            false,
            true,
            pythonOf(f),
            origin,
            false);
      }
      log.accept("downloading " + f.filename() + " from " + f.url());
      Http.Response r = http.download(java.net.URI.create(f.url()), Map.of());
      if (r.status() != 200) {
        throw new UserError(f.url() + " answered HTTP " + r.status() + " (expected 200)");
      }
      AtomicFiles.write(full, r.body());
      return new Located(
          full, f.url(), r.body().length, r.body().length, false, true, null, origin, false);
    } catch (IOException e) {
      throw new UserError(
          "cannot store " + f.filename() + " under " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * The wheel best matching this machine (a Python found here, this OS and CPU), else any wheel,
   * else the sdist.
   */
  Optional<DistFile> choose(List<DistFile> files) {
    var local = pythons.all().keySet();
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch =
        System.getProperty("os.arch", "").toLowerCase(Locale.ROOT).replace("amd64", "x86_64");
    String osTag = os.contains("mac") ? "macosx" : os.contains("win") ? "win" : "linux";
    return files.stream()
        .filter(f -> f.isWheel() || f.isSdist())
        .max(
            Comparator.<DistFile>comparingInt(f -> score(f, local, osTag, arch))
                .thenComparing(DistFile::filename));
  }

  private static int score(DistFile f, java.util.Set<String> pythons, String osTag, String arch) {
    if (!f.isWheel()) {
      return 0;
    }
    List<String> tags = f.tags();
    int s = 1;
    String py = tags.get(0);
    String plat = tags.get(2);
    if (plat.equals("any")) {
      s += 4;
    } else if (plat.contains(osTag) && (plat.contains(arch) || plat.contains("universal"))) {
      s += 4;
    }
    if (py.startsWith("py3")
        || pythons.stream().anyMatch(v -> py.contains("cp" + v.replace(".", "")))) {
      s += 2;
    }
    return s;
  }

  /** The "3.11" a cp311 wheel needs; null for pure wheels. */
  static String pythonOf(DistFile f) {
    if (!f.isWheel()) {
      return null;
    }
    var m = java.util.regex.Pattern.compile("cp3(\\d+)").matcher(f.tags().get(0));
    return m.find() ? "3." + m.group(1) : null;
  }
}

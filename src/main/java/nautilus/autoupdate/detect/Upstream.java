package nautilus.autoupdate.detect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import nautilus.autoupdate.UserError;
import nautilus.autoupdate.config.AutoUpdateConfig;
import nautilus.autoupdate.deps.CurrentVersion;
import nautilus.autoupdate.deps.Pins;
import nautilus.autoupdate.state.StateDb;
import nautilus.autoupdate.version.Version;

/**
 * The detect stage assembled from the configuration: the state database, the HTTP helper, the three
 * version sources, the detector and the release-notes fetcher. Paths in the configuration are
 * relative to the downstream repository's root.
 */
public final class Upstream implements AutoCloseable {
  private final AutoUpdateConfig config;
  private final Path repoRoot;
  private final Path stateDir;
  private final StateDb state;
  private final ConditionalHttp http;
  private final GithubReleasesSource github;
  private final NautechIndexSource nautech;
  private final Detector detector;
  private final ReleaseNotesFetcher notes;
  private final Path scratch;

  private Upstream(
      AutoUpdateConfig config,
      Path repoRoot,
      StateDb state,
      HttpTransport transport,
      String token,
      Clock clock,
      Path scratch) {
    this.scratch = scratch;
    this.config = config;
    this.repoRoot = repoRoot;
    this.stateDir = repoRoot.resolve(config.stateDir());
    this.state = state;
    this.http =
        new ConditionalHttp(
            transport,
            state,
            clock,
            ConditionalHttp.Policy.standard(Duration.ofSeconds(config.httpTimeoutSeconds())),
            config.githubApiUrl(),
            token);
    this.github = new GithubReleasesSource(http, config.githubApiUrl(), config.upstreamRepo());
    this.nautech = new NautechIndexSource(http, config.nightlyIndexUrl(), config.packageName());
    PypiJsonSource pypi = new PypiJsonSource(http, config.packageIndexUrl(), config.packageName());
    this.detector = new Detector(List.of(pypi, nautech, github), state, clock);
    this.notes =
        new ReleaseNotesFetcher(
            github,
            scratch != null ? scratch : stateDir.resolve("notes"),
            config.releasesMd() == null ? null : repoRoot.resolve(config.releasesMd()));
  }

  /**
   * @param env the process environment; {@code GITHUB_TOKEN} is read from it (never logged)
   * @param dryRun work on an in-memory copy of the state, so nothing on disk changes
   */
  public static Upstream open(
      AutoUpdateConfig config,
      Path repoRoot,
      Map<String, String> env,
      Clock clock,
      boolean dryRun) {
    Path stateDir = repoRoot.resolve(config.stateDir());
    StateDb state = dryRun ? StateDb.openSnapshot(stateDir, clock) : StateDb.open(stateDir, clock);
    HttpTransport transport = new JdkHttpTransport(config.httpLimits());
    Path scratch = null;
    if (dryRun) {
      try {
        // Dry runs keep fetched notes outside state_dir and delete them on close.
        scratch = Files.createTempDirectory("nautilus-autoupdate-notes");
      } catch (IOException e) {
        state.close();
        throw new UserError("cannot create a temporary directory: " + e.getMessage(), e);
      }
    }
    return new Upstream(
        config, repoRoot, state, transport, env.get("GITHUB_TOKEN"), clock, scratch);
  }

  public AutoUpdateConfig config() {
    return config;
  }

  /** The downstream repository's root; relative config paths resolve against it. */
  public Path repoRoot() {
    return repoRoot;
  }

  public Path stateDir() {
    return stateDir;
  }

  public StateDb state() {
    return state;
  }

  public ConditionalHttp http() {
    return http;
  }

  public GithubReleasesSource github() {
    return github;
  }

  public NautechIndexSource nautech() {
    return nautech;
  }

  public Detector detector() {
    return detector;
  }

  public ReleaseNotesFetcher notes() {
    return notes;
  }

  /**
   * The version the downstream project is on (lock, exact pin or range floor), as check reads it.
   */
  public Optional<Version> pinned() {
    return Pins.current(repoRoot, config).map(CurrentVersion::version);
  }

  /** Warns when the pinned pre-release has vanished from the nightly index. */
  public void warnVanishedPin(
      Optional<Version> pin, Detector.Result result, Consumer<String> warn) {
    boolean indexRead = result.warnings().stream().noneMatch(w -> w.startsWith("nautech:"));
    if (pin.isPresent() && indexRead) {
      NautechIndexSource.vanishedPin(pin.get(), result.available(), nautech.projectUrl())
          .ifPresent(warn);
    }
  }

  /**
   * Builds the changelog files and writes {@code changelog_path} and its .md companion (left alone
   * when only the timestamp would change); returns the line saying which.
   */
  public String writeChangelog(Clock clock, Consumer<String> warn) {
    ChangelogBuilder.Changelog c = new ChangelogBuilder(github, clock).build();
    c.warnings().forEach(warn);
    Path path = repoRoot.resolve(config.changelogPath());
    boolean changed = ChangelogBuilder.write(c, path);
    return (changed ? "wrote " : "unchanged: ")
        + path
        + " and "
        + ChangelogBuilder.markdownPath(path).getFileName();
  }

  @Override
  public void close() {
    state.close();
    if (scratch != null) {
      try (Stream<Path> files = Files.walk(scratch)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      } catch (IOException e) {
        throw new UserError(
            "cannot delete temporary directory " + scratch + ": " + e.getMessage(), e);
      }
    }
  }
}

package nautilus.autoupdate.api;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import nautilus.autoupdate.CommandRunner;
import nautilus.autoupdate.config.AutoUpdateConfig;
import nautilus.autoupdate.config.ChildEnv;

/**
 * The API models as every command reads them from the configuration (api-diff, check, fix, update,
 * dispatch and run), so they agree on the index, the caches and what a dry run may read.
 */
public final class ApiModels {
  private ApiModels() {}

  /**
   * The snapshot store: models in the shared {@link ModelCache}, distributions and diffs under
   * {@code state}; the index from {@code indexUrl}, else the environment (uv, pip), else the
   * configuration; progress to {@code err} with {@code verbose}, warnings always.
   */
  public static ApiSnapshots snapshots(
      Path state,
      AutoUpdateConfig config,
      String indexUrl,
      Map<String, String> env,
      Consumer<String> err,
      boolean verbose) {
    String index =
        indexUrl != null ? indexUrl : PackageIndex.chooseIndex(config.packageIndexUrl(), env);
    Http http = Http.jdk(config.httpLimits());
    PythonFinder pythons = new PythonFinder(env);
    Introspector introspector =
        new Introspector(
            // It imports the release's code: none of the tool's secrets in its environment.
            CommandRunner.isolated(ChildEnv.of(config, env)),
            pythons,
            state.resolve("api/venvs"),
            env);
    Consumer<String> log =
        msg -> {
          if (verbose || msg.startsWith("warning")) {
            err.accept(msg);
          }
        };
    return new ApiSnapshots(
            http,
            state,
            new ModelCache(ModelCache.locate(config.modelCacheDir(), env, state), log),
            index,
            introspector,
            pythons,
            log)
        .withUpstream(
            new ApiSnapshots.Upstream(
                config.nightlyIndexUrl(),
                config.githubApiUrl(),
                config.upstreamRepo(),
                env.get("GITHUB_TOKEN")));
  }

  /**
   * The models of {@code root}'s state dir, from the cache only when offline, in a dry run, or when
   * {@code cacheOnly}: what a proof reads (it cannot be turned off).
   */
  public static DiffLookup lookup(
      Path root,
      AutoUpdateConfig cfg,
      Map<String, String> env,
      Consumer<String> err,
      boolean offline,
      boolean cacheOnly,
      boolean verbose) {
    ApiSnapshots snapshots = snapshots(root.resolve(cfg.stateDir()), cfg, null, env, err, verbose);
    return new DiffLookup(snapshots, offline, cacheOnly || cfg.dryRun(), err);
  }

  /**
   * The API diff as check uses it: off when {@code api_diff} is false; from the cache only when
   * offline or in a dry run.
   */
  public static ApiDiffSource diffSource(
      Path root,
      AutoUpdateConfig cfg,
      Map<String, String> env,
      Consumer<String> err,
      boolean offline,
      boolean verbose) {
    if (!cfg.apiDiff()) {
      return ApiDiffSource.off("turned off (--no-api-diff or api_diff = false)");
    }
    ApiSnapshots snapshots = snapshots(root.resolve(cfg.stateDir()), cfg, null, env, err, verbose);
    // A dry run writes nothing: the lookup then reads only a cached diff and cached models.
    return new DiffLookup(snapshots, offline, cfg.dryRun(), err);
  }
}

package nautilus.autoupdate;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import nautilus.autoupdate.api.ApiModel;
import nautilus.autoupdate.api.ApiSnapshot;
import nautilus.autoupdate.api.DistContents;
import nautilus.autoupdate.api.ModelCache;
import nautilus.autoupdate.api.SnapshotBuilder;
import nautilus.autoupdate.version.Version;

/**
 * API models built from the small package trees under {@code src/test/resources/fix/proof-model/},
 * read by the real snapshot builder, for the tests whose fixes must pass the proof.
 */
public final class TestModels {
  public static final Path TREES = Path.of("src/test/resources/fix/proof-model");

  private TestModels() {}

  /** The snapshot of the tree for {@code version} (a folder holding {@code nautilus_trader/}). */
  public static ApiSnapshot snapshot(String version) {
    return new SnapshotBuilder("nautilus_trader")
        .build(version, DistContents.read(TREES.resolve(version)), List.of("test tree " + version));
  }

  public static ApiModel model(String version) {
    return ApiModel.of(snapshot(version));
  }

  /** Writes the tree's model where {@code check}/{@code fix} look for it under {@code cacheDir}. */
  public static void install(Path modelDir, String version) {
    new ModelCache(modelDir, m -> {})
        .write(
            new ModelCache(modelDir, m -> {}).file("nautilus_trader", Version.parse(version), ""),
            snapshot(version));
  }

  /**
   * An environment whose shared model cache is {@code cache} (XDG_CACHE_HOME), with the tree of
   * {@code version} installed in it.
   */
  public static Map<String, String> envWithModel(Path cache, String version) {
    install(cache.resolve("nautilus-autoupdate/models"), version);
    return Map.of("XDG_CACHE_HOME", cache.toAbsolutePath().toString());
  }
}

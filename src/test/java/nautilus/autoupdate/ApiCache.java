package nautilus.autoupdate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import nautilus.autoupdate.api.ApiSnapshot;

/**
 * Cached API snapshots for tests whose fake index has no wheels: a verdict without an API diff is
 * at most {@code delayed}, and these give one (the same empty API in every version: no break).
 */
public final class ApiCache {
  private ApiCache() {}

  /** In {@code stateDir}'s own cache, where the tool looks when no HOME is set. */
  public static void sameEmptyApi(Path stateDir, String... versions) throws IOException {
    sameEmptyApiIn(stateDir.resolve("api/snapshots"), versions);
  }

  /** In the model cache {@code modelDir} (XDG_CACHE_HOME's {@code nautilus-autoupdate/models}). */
  public static void sameEmptyApiIn(Path modelDir, String... versions) throws IOException {
    Path dir = Files.createDirectories(modelDir);
    for (String v : versions) {
      ApiSnapshot snap =
          new ApiSnapshot(
              "nautilus_trader", v, ApiSnapshot.FORMAT, List.of("test"), List.of(), Map.of());
      Json.mapper().writeValue(dir.resolve("nautilus_trader-" + v + ".json").toFile(), snap);
    }
  }
}

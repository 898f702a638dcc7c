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

  public static void sameEmptyApi(Path stateDir, String... versions) throws IOException {
    Path dir = Files.createDirectories(stateDir.resolve("api/snapshots"));
    for (String v : versions) {
      ApiSnapshot snap =
          new ApiSnapshot(
              "nautilus_trader", v, ApiSnapshot.FORMAT, List.of("test"), List.of(), Map.of());
      Json.mapper().writeValue(dir.resolve("nautilus_trader-" + v + ".json").toFile(), snap);
    }
  }
}

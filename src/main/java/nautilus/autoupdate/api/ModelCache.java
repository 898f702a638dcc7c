package nautilus.autoupdate.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import nautilus.autoupdate.AtomicFiles;
import nautilus.autoupdate.Json;
import nautilus.autoupdate.UserError;
import nautilus.autoupdate.version.Version;

/**
 * The API models (snapshots) of upstream versions, one JSON file per version, in a folder shared by
 * every repository on the machine: a version's API does not depend on who asks, so it is read from
 * the index once. Writes are atomic, so concurrent runs in other repositories never see half a
 * file.
 */
public final class ModelCache {
  private final Path dir;
  private final Consumer<String> log;
  private final Map<Path, ApiSnapshot> memo = new ConcurrentHashMap<>();

  public ModelCache(Path dir, Consumer<String> log) {
    this.dir = dir;
    this.log = log;
  }

  /**
   * The folder: {@code model_cache_dir} when set (relative: in the state dir), else {@code
   * $XDG_CACHE_HOME/nautilus-autoupdate/models}, else {@code
   * $HOME/.cache/nautilus-autoupdate/models}; with neither variable (tests run with an empty
   * environment) the state dir's {@code api/snapshots}, so nothing outside it is touched.
   */
  public static Path locate(String configured, Map<String, String> env, Path stateDir) {
    if (configured != null && !configured.isBlank()) {
      return stateDir.resolve(configured);
    }
    String xdg = env.get("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
      return Path.of(xdg, "nautilus-autoupdate", "models");
    }
    String home = env.get("HOME");
    if (home != null && !home.isBlank()) {
      return Path.of(home, ".cache", "nautilus-autoupdate", "models");
    }
    return stateDir.resolve("api/snapshots");
  }

  public Path dir() {
    return dir;
  }

  /** Where the model of {@code version} is kept; {@code suffix} marks other readings (+source). */
  public Path file(String packageName, Version version, String suffix) {
    return dir.resolve(SnapshotBuilder.importName(packageName) + "-" + version + suffix + ".json");
  }

  /** The cached snapshot in {@code file}, if present, readable and of the current format. */
  public Optional<ApiSnapshot> read(Path file) {
    try {
      return load(file);
    } catch (IOException e) {
      // A damaged entry is rebuilt, not fatal; say so, since it costs a download.
      log.accept(
          "warning: ignoring unreadable cached snapshot "
              + file
              + " ("
              + String.valueOf(e.getMessage()).lines().findFirst().orElse("")
              + ")");
      return Optional.empty();
    }
  }

  /**
   * Reads {@code file} into the memo if it holds a snapshot of the current format, saying nothing
   * otherwise: a read ahead, which {@link #read} then answers (or retries, and reports).
   */
  public void prefetch(Path file) {
    try {
      load(file);
    } catch (IOException | RuntimeException e) {
      // read() tries again and reports it.
    }
  }

  /** The memo's snapshot of {@code file}, else the file's if present and of the current format. */
  private Optional<ApiSnapshot> load(Path file) throws IOException {
    ApiSnapshot known = memo.get(file);
    if (known != null) {
      return Optional.of(known);
    }
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    ApiSnapshot s = Json.mapper().readValue(file.toFile(), ApiSnapshot.class);
    if (s.format() != ApiSnapshot.FORMAT) {
      return Optional.empty();
    }
    memo.put(file, s);
    return Optional.of(s);
  }

  /** Stores a snapshot atomically (temp file, then rename). */
  public void write(Path file, ApiSnapshot snapshot) {
    try {
      AtomicFiles.write(file, Json.mapper().writeValueAsBytes(snapshot));
    } catch (IOException e) {
      throw new UserError("cannot write the API model cache " + file + ": " + e.getMessage(), e);
    }
    memo.put(file, snapshot);
  }

  /** The model of {@code version} from the cache alone. */
  public Optional<ApiModel> cached(String packageName, Version version) {
    return read(file(packageName, version, "")).map(ApiModel::of);
  }
}

package nautilus.autoupdate.verify;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import nautilus.autoupdate.CommandResult;
import nautilus.autoupdate.Trees;
import nautilus.autoupdate.config.TomlFiles;
import org.tomlj.TomlParseResult;

/**
 * Python environments for test runs, kept between runs and keyed by what decides their content: the
 * dependency tables of {@code pyproject.toml}, {@code uv.lock}, {@code requirements*.txt}, {@code
 * setup.py}/{@code setup.cfg}, the tool and its interpreter. The base commit and the update get
 * different environments (their pins differ); a retry, the next update from the same base or a
 * second repository with the same dependencies reuse them, so a 100 MB wheel is installed once and
 * not twice per run. An environment counts only once its sync finished (a marker file); one left
 * half-built by a killed run is rebuilt. Syncs hold a file lock, so concurrent runs never build the
 * same environment at once. The least recently used ones beyond {@link #KEEP} are deleted.
 */
public final class EnvCache {
  /** How many environments stay; each can be hundreds of MB. */
  public static final int KEEP = 4;

  static final String READY = ".nautilus-autoupdate-ready";

  /** The pyproject tables that decide what gets installed; the rest (tool config) does not. */
  private static final List<String> DEPENDENCY_TABLES =
      List.of(
          "build-system",
          "project.dependencies",
          "project.optional-dependencies",
          "project.requires-python",
          "dependency-groups",
          "tool.uv",
          "tool.poetry.dependencies",
          "tool.poetry.group");

  private final Path root;
  private final String basePath;

  /**
   * @param root where the environments live
   * @param env the process environment; its {@code PATH} follows an environment's own bin
   */
  public EnvCache(Path root, Map<String, String> env) {
    this.root = root.toAbsolutePath().normalize();
    this.basePath = env.getOrDefault("PATH", "");
  }

  /** {@code $XDG_CACHE_HOME/nautilus-autoupdate/envs}, else {@code ~/.cache/...}. */
  public static Path defaultRoot(Map<String, String> env) {
    String xdg = env.get("XDG_CACHE_HOME");
    Path cache =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".cache");
    return cache.resolve("nautilus-autoupdate").resolve("envs");
  }

  public Path root() {
    return root;
  }

  /** The environment of {@code checkout} for {@code flavor} (the tool and interpreter). */
  public Path dir(String flavor, Path checkout) {
    String name = flavor.replaceAll("[^A-Za-z0-9.]+", "_");
    return root.resolve(name + "-" + fingerprint(flavor, checkout).substring(0, 16));
  }

  /** A digest of every input that decides the environment's content. */
  static String fingerprint(String flavor, Path checkout) {
    StringBuilder key = new StringBuilder(flavor).append('\n');
    Path pyproject = checkout.resolve("pyproject.toml");
    if (Files.isRegularFile(pyproject)) {
      TomlParseResult toml = parse(pyproject);
      for (String table : DEPENDENCY_TABLES) {
        Object v = toml.get(table);
        key.append(table).append('=').append(v == null ? "" : render(v));
        key.append('\n');
      }
    }
    for (Path f : inputFiles(checkout)) {
      key.append(f.getFileName()).append('\n').append(read(f)).append('\n');
    }
    return Digests.sha256(key.toString());
  }

  private static String render(Object v) {
    if (v instanceof org.tomlj.TomlTable t) {
      return t.toJson();
    }
    if (v instanceof org.tomlj.TomlArray a) {
      return a.toJson();
    }
    return String.valueOf(v);
  }

  private static List<Path> inputFiles(Path checkout) {
    try (Stream<Path> s = Files.list(checkout)) {
      return s.filter(
              p -> {
                String n = p.getFileName().toString();
                return n.equals("uv.lock")
                    || n.equals("setup.py")
                    || n.equals("setup.cfg")
                    || (n.startsWith("requirements") && n.endsWith(".txt"));
              })
          .filter(Files::isRegularFile)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static TomlParseResult parse(Path pyproject) {
    return TomlFiles.parse(
        TomlFiles.readText(pyproject, pyproject.toString()), pyproject.toString());
  }

  private static String read(Path f) {
    try {
      return Files.readString(f, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Runs {@code sync} for the environment {@code env} under its lock: an environment without the
   * ready marker (never finished, or killed mid-build) is deleted first; a successful sync marks it
   * ready. Afterwards the least recently used environments beyond {@link #KEEP} are deleted.
   */
  public CommandResult prepare(Path env, Supplier<CommandResult> sync) {
    try {
      Files.createDirectories(root);
      CommandResult r;
      try (FileChannel ch = lockFile(env);
          FileLock lock = ch.lock()) {
        Path ready = env.resolve(READY);
        if (!Files.exists(ready)) {
          Trees.delete(env);
        }
        r = sync.get();
        if (r == null || r.ok()) {
          Files.createDirectories(env);
          Files.writeString(ready, Instant.now().toString());
        }
      }
      if (r == null || r.ok()) {
        prune(env);
      }
      return r;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private FileChannel lockFile(Path env) throws IOException {
    return FileChannel.open(
        root.resolve(env.getFileName() + ".lock"),
        StandardOpenOption.CREATE,
        StandardOpenOption.WRITE);
  }

  /** Deletes the least recently readied environments beyond {@link #KEEP}, skipping busy ones. */
  private void prune(Path current) throws IOException {
    List<Path> envs = new ArrayList<>();
    try (Stream<Path> s = Files.list(root)) {
      s.filter(Files::isDirectory).forEach(envs::add);
    }
    Map<Path, FileTime> used = new HashMap<>();
    for (Path e : envs) {
      Path ready = e.resolve(READY);
      used.put(e, Files.exists(ready) ? Files.getLastModifiedTime(ready) : FileTime.fromMillis(0));
    }
    envs.sort(Comparator.comparing(used::get).reversed());
    for (Path e : envs.subList(Math.min(KEEP, envs.size()), envs.size())) {
      if (e.equals(current)) {
        continue;
      }
      try (FileChannel ch = lockFile(e);
          FileLock lock = ch.tryLock()) {
        if (lock != null) {
          Trees.delete(e);
          Files.deleteIfExists(root.resolve(e.getFileName() + ".lock"));
        }
      }
    }
  }

  /** Variables that activate a virtualenv for a command: {@code VIRTUAL_ENV} and its bin first. */
  Map<String, String> activation(Path venv) {
    return Map.of(
        "VIRTUAL_ENV",
        venv.toString(),
        "PATH",
        venv.resolve("bin") + (basePath.isEmpty() ? "" : File.pathSeparator + basePath));
  }
}

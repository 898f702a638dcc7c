package nautilus.autoupdate.code;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import nautilus.autoupdate.Json;
import nautilus.autoupdate.UserError;

/**
 * Parsed facts by content hash, plus the size and mtime each path had, so an unchanged file is
 * neither read nor parsed again. One file per package name; a cache that cannot be read (older
 * format, cut short) is rebuilt, since it only ever saves time.
 */
final class FactsCache {
  static final int FORMAT = 1;

  record Entry(long size, long mtime, String hash) {}

  record Stored(
      int format, String packageName, Map<String, Entry> entries, Map<String, FileFacts> facts) {}

  private final String packageName;
  private final Map<String, Entry> entries;
  private final Map<String, FileFacts> facts;
  private volatile boolean dirty;

  private FactsCache(String packageName, Map<String, Entry> entries, Map<String, FileFacts> facts) {
    this.packageName = packageName;
    this.entries = new ConcurrentHashMap<>(entries);
    this.facts = new ConcurrentHashMap<>(facts);
  }

  static FactsCache empty(String packageName) {
    return new FactsCache(packageName, Map.of(), Map.of());
  }

  static Path file(Path cacheDir, String packageName) {
    return cacheDir.resolve("facts-" + packageName + ".json");
  }

  static FactsCache load(Path cacheDir, String packageName) {
    Path file = file(cacheDir, packageName);
    try (InputStream in = Files.newInputStream(file)) {
      Stored s = Json.mapper().readValue(in, Stored.class);
      if (s.format() != FORMAT || !packageName.equals(s.packageName())) {
        return empty(packageName);
      }
      return new FactsCache(packageName, s.entries(), s.facts());
    } catch (NoSuchFileException e) {
      return empty(packageName);
    } catch (JsonProcessingException e) {
      FactsCache c = empty(packageName);
      c.dirty = true; // overwrite the unreadable cache
      return c;
    } catch (IOException e) {
      throw new UserError("cannot read cache " + file + ": " + e.getMessage(), e);
    }
  }

  FileFacts byStat(String path, long size, long mtime) {
    Entry e = entries.get(path);
    if (e == null || e.size() != size || e.mtime() != mtime) {
      return null;
    }
    return facts.get(e.hash());
  }

  FileFacts byHash(String hash) {
    return facts.get(hash);
  }

  void put(String path, long size, long mtime, String hash, FileFacts f) {
    entries.put(path, new Entry(size, mtime, hash));
    facts.put(hash, f);
    dirty = true;
  }

  boolean dirty() {
    return dirty;
  }

  /** Forgets files that are gone, so the cache does not grow without bound. */
  void retainPaths(List<String> paths) {
    Set<String> keep = new HashSet<>(paths);
    entries.keySet().retainAll(keep);
    Set<String> hashes = new HashSet<>();
    entries.values().forEach(e -> hashes.add(e.hash()));
    facts.keySet().retainAll(hashes);
  }

  void save(Path cacheDir) {
    Path file = file(cacheDir, packageName);
    try {
      Files.createDirectories(cacheDir);
      Path tmp = Files.createTempFile(cacheDir, "facts-", ".tmp");
      try (OutputStream out = Files.newOutputStream(tmp)) {
        Json.mapper()
            .writer()
            .without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
            .writeValue(out, new Stored(FORMAT, packageName, entries, facts));
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      dirty = false;
    } catch (IOException e) {
      throw new UserError("cannot write cache " + file + ": " + e.getMessage(), e);
    }
  }
}

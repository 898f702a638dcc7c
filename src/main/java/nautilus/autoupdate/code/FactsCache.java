package nautilus.autoupdate.code;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import nautilus.autoupdate.AtomicFiles;
import nautilus.autoupdate.Json;
import nautilus.autoupdate.UserError;

/**
 * What earlier scans learnt, so an unchanged file is neither read nor parsed again: each path's
 * size, mtime and content hash, and by content hash plus the words a scan looked for, whether the
 * file holds one of them and the facts read from it (a focused read depends on those words). One
 * file per package name; a cache that cannot be read (older format, cut short) is rebuilt, since it
 * only ever saves time.
 */
final class FactsCache {
  static final int FORMAT = 7;

  record Entry(long size, long mtime, String hash) {}

  /** Whether a file holds a word of interest, and the key its focused facts are kept under. */
  record Verdict(boolean interesting, String factsKey) {}

  record Stored(
      int format,
      String packageName,
      Map<String, Entry> entries,
      Map<String, Verdict> verdicts,
      Map<String, FileFacts> facts) {}

  private final String packageName;
  private final Map<String, Entry> entries;
  private final Map<String, Verdict> verdicts;
  private final Map<String, FileFacts> facts;
  private volatile boolean dirty;

  private FactsCache(
      String packageName,
      Map<String, Entry> entries,
      Map<String, Verdict> verdicts,
      Map<String, FileFacts> facts) {
    this.packageName = packageName;
    this.entries = new ConcurrentHashMap<>(entries);
    this.verdicts = new ConcurrentHashMap<>(verdicts);
    this.facts = new ConcurrentHashMap<>(facts);
  }

  static FactsCache empty(String packageName) {
    return new FactsCache(packageName, Map.of(), Map.of(), Map.of());
  }

  static Path file(Path cacheDir, String packageName) {
    return cacheDir.resolve("facts-" + packageName + ".json");
  }

  static FactsCache load(Path cacheDir, String packageName) {
    Path file = file(cacheDir, packageName);
    try (InputStream in = Files.newInputStream(file)) {
      Stored s = Json.mapper().readValue(in, Stored.class);
      if (s.format() != FORMAT || !packageName.equals(s.packageName())) {
        FactsCache c = empty(packageName);
        c.dirty = true;
        return c;
      }
      return new FactsCache(packageName, s.entries(), s.verdicts(), s.facts());
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

  /** The content hash a path had at this size and mtime, or null. */
  String hashByStat(String path, long size, long mtime) {
    Entry e = entries.get(path);
    return e == null || e.size() != size || e.mtime() != mtime ? null : e.hash();
  }

  Verdict verdict(String key) {
    return verdicts.get(key);
  }

  FileFacts facts(String key) {
    return facts.get(key);
  }

  void putEntry(String path, long size, long mtime, String hash) {
    Entry e = new Entry(size, mtime, hash);
    if (!e.equals(entries.put(path, e))) {
      dirty = true;
    }
  }

  void putVerdict(String key, Verdict v) {
    if (!v.equals(verdicts.put(key, v))) {
      dirty = true;
    }
  }

  void putFacts(String key, FileFacts f) {
    if (facts.put(key, f) == null) {
      dirty = true;
    }
  }

  boolean dirty() {
    return dirty;
  }

  /** Forgets files that are gone or changed, so the cache does not grow without bound. */
  void retainPaths(List<String> paths, Map<String, BasicFileAttributes> stats) {
    Set<String> keep = new HashSet<>(paths);
    if (entries.keySet().retainAll(keep)) {
      dirty = true;
    }
    Set<String> live = new HashSet<>();
    entries.values().forEach(e -> live.add(e.hash()));
    for (String p : paths) {
      live.add(statKey(p, stats.get(p)));
    }
    verdicts.keySet().removeIf(k -> !live.contains(hashOf(k)));
    facts.keySet().removeIf(k -> !live.contains(hashOf(k)));
  }

  /** A file's identity by path, size and mtime, for verdicts of files never hashed. */
  static String statKey(String path, BasicFileAttributes a) {
    return "@" + a.size() + "@" + a.lastModifiedTime().toMillis() + "@" + path;
  }

  /** The file part of a verdict or facts key: what comes before the last colon. */
  private static String hashOf(String key) {
    int colon = key.lastIndexOf(':');
    return colon < 0 ? key : key.substring(0, colon);
  }

  void save(Path cacheDir) {
    AtomicFiles.write(
        file(cacheDir, packageName),
        Json.compactBytes(new Stored(FORMAT, packageName, entries, verdicts, facts)));
    dirty = false;
  }
}

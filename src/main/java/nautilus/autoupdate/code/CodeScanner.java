package nautilus.autoupdate.code;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import nautilus.autoupdate.Json;
import nautilus.autoupdate.UserError;

/**
 * Reads a downstream repo into a {@link CodeBase}: lists the files, parses what changed since the
 * last run (in parallel, one tree-sitter parser per thread), reuses cached facts for the rest, and
 * resolves names across files.
 */
public final class CodeScanner {
  private final int threads;

  public CodeScanner() {
    this(Runtime.getRuntime().availableProcessors());
  }

  public CodeScanner(int threads) {
    this.threads = Math.max(1, threads);
  }

  /**
   * Scans {@code sourceDirs} (relative to {@code repoRoot}) for uses of {@code packageName}. {@code
   * cacheDir} may be null (no cache); else parsed facts are kept there by content hash.
   */
  public CodeBase scan(Path repoRoot, List<String> sourceDirs, String packageName, Path cacheDir) {
    Path root = repoRoot.toAbsolutePath().normalize();
    List<String> paths = new ArrayList<>(SourceFiles.list(root, sourceDirs));
    if (cacheDir != null) {
      // Our own cache must never be read back as a config file of the repo.
      Path cacheAbs = cacheDir.toAbsolutePath().normalize();
      paths.removeIf(p -> root.resolve(p).normalize().startsWith(cacheAbs));
    }
    FactsCache cache =
        cacheDir == null ? FactsCache.empty(packageName) : FactsCache.load(cacheDir, packageName);
    Map<String, FileFacts> facts = new ConcurrentHashMap<>();
    List<String> toParse = new ArrayList<>();
    long bytes = 0;
    for (String p : paths) {
      Path file = root.resolve(p);
      BasicFileAttributes attrs = attributes(file);
      bytes += attrs.size();
      FileFacts hit = cache.byStat(p, attrs.size(), attrs.lastModifiedTime().toMillis());
      if (hit != null) {
        facts.put(p, hit);
      } else {
        toParse.add(p);
      }
    }
    if (!toParse.isEmpty()) {
      parseAll(root, toParse, packageName, cache, facts);
    }
    if (cacheDir != null && cache.dirty()) {
      cache.retainPaths(paths);
      cache.save(cacheDir);
    }
    Resolver resolver = new Resolver(packageName, sourceDirs, new TreeMap<>(facts));
    List<FileUses> files = new ArrayList<>();
    for (String p : paths) {
      FileUses uses = resolver.uses(p);
      if (!uses.uses().isEmpty() || uses.parseErrors()) {
        files.add(uses);
      }
    }
    return new CodeBase(root, packageName, files, paths.size(), bytes);
  }

  private static BasicFileAttributes attributes(Path file) {
    try {
      return Files.readAttributes(file, BasicFileAttributes.class);
    } catch (IOException e) {
      throw new UserError("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private void parseAll(
      Path root,
      List<String> toParse,
      String packageName,
      FactsCache cache,
      Map<String, FileFacts> facts) {
    List<PythonExtractor> extractors = new ArrayList<>();
    ThreadLocal<PythonExtractor> local =
        ThreadLocal.withInitial(
            () -> {
              PythonExtractor e = new PythonExtractor(packageName);
              synchronized (extractors) {
                extractors.add(e);
              }
              return e;
            });
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      int batch = Math.max(1, toParse.size() / (threads * 8));
      for (int i = 0; i < toParse.size(); i += batch) {
        List<String> slice = toParse.subList(i, Math.min(toParse.size(), i + batch));
        futures.add(
            pool.submit(
                () -> {
                  for (String p : slice) {
                    Path file = root.resolve(p);
                    byte[] bytes = read(file);
                    BasicFileAttributes attrs = attributes(file);
                    String hash = sha256(bytes);
                    FileFacts f = cache.byHash(hash);
                    if (f == null) {
                      f = extract(p, bytes, local.get(), packageName);
                    }
                    cache.put(p, attrs.size(), attrs.lastModifiedTime().toMillis(), hash, f);
                    facts.put(p, f);
                  }
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserError("interrupted while scanning " + root, e);
    } finally {
      pool.shutdownNow();
      awaitQuietly(pool);
      synchronized (extractors) {
        // Native parsers are freed here, on any thread: each is used by one thread at a time.
        extractors.forEach(PythonExtractor::close);
      }
    }
  }

  /** Waits for running parses to end, so no native parser is freed while in use. */
  private static void awaitQuietly(ExecutorService pool) {
    try {
      if (!pool.awaitTermination(5, java.util.concurrent.TimeUnit.MINUTES)) {
        throw new IllegalStateException("parser threads did not stop within 5 minutes");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static FileFacts extract(String path, byte[] bytes, PythonExtractor py, String packageName) {
    if (path.endsWith(".py") || path.endsWith(".pyi")) {
      return new FileFacts(true, List.of(py.extract(bytes)));
    }
    if (path.endsWith(".ipynb")) {
      return new FileFacts(true, Notebooks.extract(path, bytes, py));
    }
    return new FileFacts(
        false, List.of(ConfigText.extract(bytes, packageName, path.endsWith(".json"))));
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UserError("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonNode readJson(String path, byte[] bytes) {
    try {
      return Json.mapper().readTree(new String(bytes, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return null;
    }
  }
}

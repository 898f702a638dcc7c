package nautilus.autoupdate.code;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
   * Scans everything: every file read, every use kept (see {@link #scan(Path, List, String, Path,
   * Interest)}).
   */
  public CodeBase scan(Path repoRoot, List<String> sourceDirs, String packageName, Path cacheDir) {
    return scan(repoRoot, sourceDirs, packageName, cacheDir, Interest.ALL);
  }

  /**
   * Scans {@code sourceDirs} (relative to {@code repoRoot}) for uses of {@code packageName}. {@code
   * cacheDir} may be null (no cache); else parsed facts are kept there by content hash, and an
   * unchanged tree is answered from the last scan's result. With an {@link Interest}, only files
   * that mention its words (or names bound to them) are read in full, our other modules only as far
   * as name resolution reaches them, and only the uses those words can match are kept.
   */
  public CodeBase scan(
      Path repoRoot,
      List<String> sourceDirs,
      String packageName,
      Path cacheDir,
      Interest interest) {
    return scan(repoRoot, sourceDirs, packageName, cacheDir, interest, DEFAULT_MAX_FILE_BYTES);
  }

  /**
   * As {@link #scan(Path, List, String, Path, Interest)}; a file larger than {@code maxFileBytes}
   * is not read but listed as unread (with whether its bytes name the package, found by streaming
   * through them).
   */
  public CodeBase scan(
      Path repoRoot,
      List<String> sourceDirs,
      String packageName,
      Path cacheDir,
      Interest interest,
      long maxFileBytes) {
    return scan(repoRoot, ScanScope.of(sourceDirs), packageName, cacheDir, interest, maxFileBytes);
  }

  /**
   * As {@link #scan(Path, List, String, Path, Interest, long)} over a {@link ScanScope}: its
   * exclude globs and the folders of separate projects are left out (the latter named in {@code
   * unread}).
   */
  public CodeBase scan(
      Path repoRoot,
      ScanScope scope,
      String packageName,
      Path cacheDir,
      Interest interest,
      long maxFileBytes) {
    List<String> sourceDirs = scope.sourceDirs();
    Path root = repoRoot.toAbsolutePath().normalize();
    List<UnreadFile> unread = new ArrayList<>();
    Map<String, BasicFileAttributes> stats =
        SourceFiles.listWithAttributes(root, scope, packageName, unread);
    if (cacheDir != null) {
      // Our own cache must never be read back as a config file of the repo.
      Path cacheAbs = cacheDir.toAbsolutePath().normalize();
      stats.keySet().removeIf(p -> root.resolve(p).normalize().startsWith(cacheAbs));
    }
    stats
        .entrySet()
        .removeIf(
            e -> {
              if (e.getValue().size() <= maxFileBytes) {
                return false;
              }
              unread.add(
                  new UnreadFile(
                      e.getKey(),
                      "larger than "
                          + megabytes(maxFileBytes)
                          + " MB ("
                          + megabytes(e.getValue().size())
                          + " MB): not read",
                      Mentions.inFile(root.resolve(e.getKey()), packageName)));
              return true;
            });
    List<String> paths = new ArrayList<>(stats.keySet());
    long bytes = 0;
    for (BasicFileAttributes attrs : stats.values()) {
      bytes += attrs.size();
    }
    String treeKey = treeKey(scope, packageName, interest, paths, stats);
    if (cacheDir != null) {
      UsesMemo.Memo memo = UsesMemo.read(cacheDir, packageName, treeKey);
      if (memo != null) {
        unread.addAll(memo.unread());
        return new CodeBase(
            root, packageName, memo.files(), paths.size(), bytes, 0, 0, sorted(unread));
      }
    }
    FactsCache cache =
        cacheDir == null ? FactsCache.empty(packageName) : FactsCache.load(cacheDir, packageName);
    List<FileUses> files = new ArrayList<>();
    List<UnreadFile> read = new ArrayList<>();
    int parsedFiles;
    long parsedBytes;
    try (Run run = new Run(root, packageName, cache, stats)) {
      List<String> python = paths.stream().filter(CodeScanner::isPython).toList();
      Set<String> selected = run.select(paths, interest, ownModules(python, sourceDirs));
      Resolver resolver = new Resolver(packageName, sourceDirs, python, run::factsFor);
      for (String p : paths) {
        if (selected.contains(p)) {
          FileUses uses = relevant(resolver.uses(p), interest);
          if (!uses.uses().isEmpty() || uses.parseErrors()) {
            files.add(uses);
          }
        }
      }
      parsedFiles = run.parsedFiles.get();
      parsedBytes = run.parsedBytes.get();
      read.addAll(run.unread());
    }
    if (cacheDir != null) {
      if (cache.dirty()) {
        cache.retainPaths(paths, stats);
        cache.save(cacheDir);
      }
      UsesMemo.write(cacheDir, packageName, treeKey, files, read);
    }
    unread.addAll(read);
    return new CodeBase(
        root, packageName, files, paths.size(), bytes, parsedFiles, parsedBytes, sorted(unread));
  }

  /**
   * The top-level names of our own modules ({@code strategies} of {@code strategies/momentum.py}):
   * a file importing one may receive an alias or a subclass of an upstream class from our code.
   */
  static Set<String> ownModules(List<String> python, List<String> sourceDirs) {
    Set<String> tops = new HashSet<>();
    for (String p : python) {
      for (String name : Resolver.moduleNames(p, sourceDirs)) {
        int dot = name.indexOf('.');
        tops.add(dot < 0 ? name : name.substring(0, dot));
      }
    }
    return tops;
  }

  /** The default of {@code max_source_file_mb}. */
  public static final long DEFAULT_MAX_FILE_BYTES = 5L * 1024 * 1024;

  private static String megabytes(long bytes) {
    double mb = bytes / (1024.0 * 1024.0);
    return mb == Math.rint(mb)
        ? Long.toString((long) mb)
        : String.format(java.util.Locale.ROOT, "%.1f", mb);
  }

  private static List<UnreadFile> sorted(List<UnreadFile> unread) {
    return unread.stream()
        .sorted(java.util.Comparator.comparing(UnreadFile::path))
        .distinct()
        .toList();
  }

  /**
   * The uses in the files of {@code overlay} (relative path to content), read as if that content
   * were on disk: the rest of the tree is read from disk only as far as name resolution reaches it.
   * Nothing is cached or written; a fix's proof reads its edited bytes this way before they exist.
   */
  public List<FileUses> usesOf(
      Path repoRoot, List<String> sourceDirs, String packageName, Map<String, byte[]> overlay) {
    return usesOf(repoRoot, ScanScope.of(sourceDirs), packageName, overlay);
  }

  /** As {@link #usesOf(Path, List, String, Map)}, names resolved within {@code scope}. */
  public List<FileUses> usesOf(
      Path repoRoot, ScanScope scope, String packageName, Map<String, byte[]> overlay) {
    List<String> sourceDirs = scope.sourceDirs();
    Path root = repoRoot.toAbsolutePath().normalize();
    java.util.Set<String> listed =
        new java.util.LinkedHashSet<>(SourceFiles.list(root, scope, packageName));
    listed.addAll(overlay.keySet());
    List<String> python = listed.stream().filter(CodeScanner::isPython).toList();
    Map<String, FileFacts> facts = new java.util.HashMap<>();
    try (PythonExtractor py = new PythonExtractor(packageName)) {
      Resolver resolver =
          new Resolver(
              packageName,
              sourceDirs,
              python,
              p ->
                  facts.computeIfAbsent(
                      p,
                      k -> {
                        byte[] given = overlay.get(k);
                        byte[] bytes =
                            given != null ? withoutBom(given) : readOrFail(root.resolve(k));
                        return extract(k, bytes, py, packageName, null);
                      }));
      List<FileUses> out = new ArrayList<>();
      for (String p : overlay.keySet()) {
        out.add(resolver.uses(p));
      }
      return out;
    }
  }

  /**
   * The uses a change with these words can match: imports and config strings (a moved module's
   * path), and uses whose last name or a keyword is one of the words. The rest only cost memory.
   */
  static FileUses relevant(FileUses f, Interest interest) {
    if (interest.all()) {
      return f;
    }
    List<Use> uses = f.uses();
    boolean[] keep = new boolean[uses.size()];
    List<Use> matched = new ArrayList<>();
    for (int i = 0; i < uses.size(); i++) {
      Use u = uses.get(i);
      String t = u.target();
      if (u.kind() == UseKind.IMPORT
          || u.kind() == UseKind.CONFIG_STRING
          || interest.names(t.substring(t.lastIndexOf('.') + 1))
          || u.kwargs().stream().anyMatch(k -> interest.names(k.name()))) {
        keep[i] = true;
        if (u.kind() != UseKind.IMPORT) {
          matched.add(u);
        }
      }
    }
    // The calls a kept use sits inside stay too: whose call it is decides an adapter note's reach.
    for (int i = 0; i < uses.size() && !matched.isEmpty(); i++) {
      Use c = uses.get(i);
      if (!keep[i] && c.args() != null && matched.stream().anyMatch(c::encloses)) {
        keep[i] = true;
      }
    }
    List<Use> kept = new ArrayList<>();
    for (int i = 0; i < uses.size(); i++) {
      if (keep[i]) {
        kept.add(uses.get(i));
      }
    }
    return kept.size() == uses.size() ? f : new FileUses(f.path(), kept, f.parseErrors());
  }

  private static String treeKey(
      ScanScope scope,
      String packageName,
      Interest interest,
      List<String> paths,
      Map<String, BasicFileAttributes> stats) {
    StringBuilder sb = new StringBuilder();
    sb.append(FactsCache.FORMAT).append('|').append(packageName).append('|');
    sb.append(scope.fingerprint()).append('|').append(interest.fingerprint()).append('\n');
    for (String p : paths) {
      BasicFileAttributes a = stats.get(p);
      sb.append(p).append('\0').append(a.size()).append('\0');
      sb.append(a.lastModifiedTime().toMillis()).append('\n');
    }
    return sha256(sb.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** A Python module or stub (not a notebook). */
  static boolean isPythonSource(String path) {
    return path.endsWith(".py") || path.endsWith(".pyi");
  }

  static boolean isPython(String path) {
    return isPythonSource(path) || path.endsWith(".ipynb");
  }

  /**
   * One scan's work: which files hold a word of interest (widened, round by round, by the names
   * they bind to those words, since other files may import those names), and their facts.
   */
  private final class Run implements AutoCloseable {
    private static final Set<String> STRUCTURAL = Set.of("global", "nonlocal");
    private static final int MAX_ROUNDS = 8;

    private final Path root;
    private final String packageName;
    private final FactsCache cache;
    private final Map<String, BasicFileAttributes> stats;
    private final Map<String, String> hashes = new ConcurrentHashMap<>();
    private final Map<String, FileFacts> facts = new ConcurrentHashMap<>();
    private final List<PythonExtractor> extractors = new ArrayList<>();
    private final ThreadLocal<PythonExtractor> local;
    private final java.util.concurrent.atomic.AtomicInteger parsedFiles =
        new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicLong parsedBytes =
        new java.util.concurrent.atomic.AtomicLong();
    private final Map<String, UnreadFile> failed = new ConcurrentHashMap<>();
    private WordScan scan;
    private String wordsKey = "all";

    Run(Path root, String packageName, FactsCache cache, Map<String, BasicFileAttributes> stats) {
      this.root = root;
      this.packageName = packageName;
      this.cache = cache;
      this.stats = stats;
      this.local =
          ThreadLocal.withInitial(
              () -> {
                PythonExtractor e = new PythonExtractor(packageName);
                synchronized (extractors) {
                  extractors.add(e);
                }
                return e;
              });
    }

    /**
     * The files that hold a word of {@code interest} (past its gate; {@code ownModules} are the
     * top-level names of our own modules), and, round by round, a name our files bind to one.
     */
    Set<String> select(List<String> paths, Interest interest, Set<String> ownModules) {
      if (interest.all()) {
        parallel(paths, p -> facts.put(p, factsFor(p)));
        return new HashSet<>(facts.keySet());
      }
      Set<String> focus = new HashSet<>(interest.focusWords());
      focus.addAll(STRUCTURAL);
      Interest current =
          Interest.of(interest.words(), focus, interest.keywordWords())
              .gated(interest.gates(), interest.dotted());
      // Which names are our modules decides a gate: the verdicts depend on them too.
      String own = Interest.of(ownModules, Set.of()).fingerprint();
      Set<String> selected = ConcurrentHashMap.newKeySet();
      for (int round = 0; ; round++) {
        Set<String> words = current.words();
        Set<String> keywords = current.keywordWords();
        scan = new WordScan(words, focus, keywords, current.gates(), current.dotted(), ownModules);
        wordsKey = current.fingerprint() + (current.gates().isEmpty() ? "" : ":" + own);
        facts.clear();
        parallel(
            paths,
            p -> {
              // The verdict's read of the file is handed on: its facts need the same bytes and
              // hits.
              Read[] read = new Read[1];
              try {
                FactsCache.Verdict v = verdict(p, read);
                if (v.interesting()) {
                  facts.put(p, factsFor(p, read[0]));
                  selected.add(p);
                }
              } catch (Unreadable e) {
                // Noted in failed; the other files go on.
              }
            });
        Set<String> named = new HashSet<>(words);
        named.addAll(keywords);
        Set<String> more = boundNames(selected, named);
        more.removeAll(named);
        if (more.isEmpty() || round == MAX_ROUNDS) {
          return selected;
        }
        current = current.withWords(more);
      }
    }

    /**
     * Names our files bind to something a word points at ({@code from upstream.moved import X as
     * Y}: Y; a class deriving from such a name): where they are used, in this file or another that
     * imports them, the word itself may not appear.
     */
    private Set<String> boundNames(Set<String> selected, Set<String> words) {
      Set<String> names = new HashSet<>();
      for (String p : selected) {
        FileFacts f = facts.get(p);
        if (f == null || !f.python()) {
          continue;
        }
        for (ModuleFacts unit : f.units()) {
          for (ModuleFacts.ImportFact i : unit.imports()) {
            boolean hit =
                words.contains(i.name())
                    || Arrays.stream(i.module().split("\\.")).anyMatch(words::contains);
            if (!hit || i.star()) {
              continue;
            }
            if (i.alias() != null) {
              names.add(i.alias());
            } else if (i.name() != null) {
              names.add(i.name());
            }
          }
          for (ModuleFacts.ClassFact c : unit.classes()) {
            if (c.bases().stream().flatMap(List::stream).anyMatch(words::contains)) {
              names.add(c.name());
            }
          }
        }
      }
      return names;
    }

    /** A file's bytes and where the current words occur in its code. */
    private record Read(byte[] bytes, WordScan.Hits hits) {}

    private Read readAndScan(String p) {
      byte[] bytes = read(p);
      return new Read(bytes, hitsIn(p, bytes));
    }

    /** The file's bytes; one that cannot be read is noted as unread and stops only its own work. */
    private byte[] read(String p) {
      try {
        return withoutBom(Files.readAllBytes(root.resolve(p)));
      } catch (IOException e) {
        failed.put(p, new UnreadFile(p, "cannot read: " + SourceFiles.reason(e), true));
        throw new Unreadable();
      }
    }

    /**
     * What this run could not read: files whose read failed, and those whose facts name a problem
     * (the files it read for facts: those holding a word of interest and the modules they reach).
     */
    List<UnreadFile> unread() {
      Map<String, UnreadFile> out = new java.util.TreeMap<>(failed);
      facts.forEach(
          (p, f) -> {
            if (f.problem() != null && !out.containsKey(p)) {
              out.put(p, new UnreadFile(p, f.problem().reason(), f.problem().mentionsPackage()));
            }
          });
      return List.copyOf(out.values());
    }

    /**
     * Whether the file holds a word of interest, and where, under the current words. When it had to
     * read the file, the read is left in {@code readOut[0]} (if given).
     */
    private FactsCache.Verdict verdict(String p, Read[] readOut) {
      String hash = knownHash(p);
      FactsCache.Verdict v =
          cache.verdict(
              (hash != null ? hash : FactsCache.statKey(p, stats.get(p))) + ":" + wordsKey);
      if (v == null && hash != null) {
        v = cache.verdict(FactsCache.statKey(p, stats.get(p)) + ":" + wordsKey);
      }
      if (v != null) {
        return v;
      }
      Read read = readAndScan(p);
      if (readOut != null) {
        readOut[0] = read;
      }
      byte[] bytes = read.bytes();
      WordScan.Hits hits = read.hits();
      if (!hits.triggered()) {
        // Most files hold no word: they are not hashed (their facts, if resolution ever needs
        // them, are keyed when read), and their verdict is kept by path, size and mtime.
        v = new FactsCache.Verdict(false, null);
        cache.putVerdict(FactsCache.statKey(p, stats.get(p)) + ":" + wordsKey, v);
        return v;
      }
      hash = hashOf(p, bytes);
      v = new FactsCache.Verdict(true, hash + ":" + offsetsKey(hits.offsets()));
      cache.putVerdict(hash + ":" + wordsKey, v);
      return v;
    }

    /**
     * The facts of one file under the current words, read once; the resolver calls this for the
     * modules it reaches.
     */
    FileFacts factsFor(String p) {
      if (failed.containsKey(p)) {
        return UNREAD;
      }
      try {
        return factsFor(p, null);
      } catch (Unreadable e) {
        return UNREAD;
      }
    }

    /** The facts of one file; {@code read}, if not null, is this run's read of it. */
    private FileFacts factsFor(String p, Read read) {
      FileFacts known = facts.get(p);
      if (known != null) {
        return known;
      }
      String key;
      if (scan == null) {
        String hash = knownHash(p);
        key = hash == null ? null : hash + ":all";
      } else {
        key = verdict(p, null).factsKey();
      }
      FileFacts f = key == null ? null : cache.facts(key);
      if (f == null) {
        if (read == null) {
          read = scan == null ? new Read(read(p), null) : readAndScan(p);
        }
        byte[] bytes = read.bytes();
        String hash = hashOf(p, bytes);
        WordScan.Hits hits = read.hits();
        key = hash + ":" + (hits == null ? "all" : offsetsKey(hits.offsets()));
        f = cache.facts(key);
        if (f == null) {
          f = extract(p, bytes, local.get(), packageName, hits);
          cache.putFacts(key, f);
          parsedFiles.incrementAndGet();
          parsedBytes.addAndGet(bytes.length);
        }
      }
      facts.put(p, f);
      return f;
    }

    /** Where the words occur in the file's code (not in Python comments or docstrings). */
    private WordScan.Hits hitsIn(String p, byte[] bytes) {
      WordScan.Hits hits = scan.scan(bytes, substrings(p));
      return isPythonSource(p) && hits.triggered() ? ReducedSource.inCode(bytes, hits) : hits;
    }

    private String knownHash(String p) {
      String h = hashes.get(p);
      if (h != null) {
        return h;
      }
      BasicFileAttributes a = stats.get(p);
      h = cache.hashByStat(p, a.size(), a.lastModifiedTime().toMillis());
      if (h != null) {
        hashes.put(p, h);
      }
      return h;
    }

    private String hashOf(String p, byte[] bytes) {
      String known = hashes.get(p);
      if (known != null) {
        return known; // hashed earlier in this run (a later round reads the file again)
      }
      String hash = sha256(bytes);
      hashes.put(p, hash);
      BasicFileAttributes a = stats.get(p);
      cache.putEntry(p, a.size(), a.lastModifiedTime().toMillis(), hash);
      return hash;
    }

    private void parallel(List<String> items, java.util.function.Consumer<String> body) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<?>> futures = new ArrayList<>();
        int batch = Math.max(1, items.size() / (threads * 8));
        for (int i = 0; i < items.size(); i += batch) {
          List<String> slice = items.subList(i, Math.min(items.size(), i + batch));
          futures.add(pool.submit(() -> slice.forEach(body)));
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
      }
    }

    @Override
    public void close() {
      synchronized (extractors) {
        // Native parsers are freed here, on any thread: each is used by one thread at a time.
        extractors.forEach(PythonExtractor::close);
      }
    }
  }

  /** A read that failed; the failure is already noted. */
  private static final class Unreadable extends RuntimeException {
    Unreadable() {
      super(null, null, false, false);
    }
  }

  /** What the resolver sees of a file that could not be read: a module that binds nothing. */
  private static final FileFacts UNREAD =
      new FileFacts(
          true,
          List.of(
              new ModuleFacts(
                  List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), false)));

  private static boolean substrings(String path) {
    return path.endsWith(".ipynb") || path.endsWith(".json");
  }

  private static String offsetsKey(int[] offsets) {
    if (offsets.length == 0) {
      return "none";
    }
    ByteBuffer b = ByteBuffer.allocate(offsets.length * 4);
    b.asIntBuffer().put(offsets);
    return sha256(b.array()).substring(0, 16);
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

  /**
   * Facts of one file; {@code focus} (null: all) limits which function bodies are read. Bytes that
   * are not UTF-8 are read with replacement characters (and in full: the word offsets were found in
   * the raw bytes), and the file names that problem, as it does syntax errors in a file that names
   * the package.
   */
  static FileFacts extract(
      String path, byte[] raw, PythonExtractor py, String packageName, WordScan.Hits focus) {
    List<String> problems = new ArrayList<>();
    byte[] bytes = raw;
    int bad = nautilus.autoupdate.Utf8.firstInvalid(raw);
    if (bad >= 0) {
      problems.add("not valid UTF-8 (byte " + bad + "): read with replacement characters");
      bytes = nautilus.autoupdate.Utf8.replaced(raw);
      focus = null;
    }
    boolean mentions = Mentions.in(raw, packageName);
    List<ModuleFacts> units;
    boolean python = true;
    if (isPythonSource(path)) {
      units = List.of(py.extract(bytes, focus));
    } else if (path.endsWith(".ipynb")) {
      Notebooks.Read nb = Notebooks.extract(path, bytes, py);
      units = nb.units();
      if (nb.problem() != null) {
        problems.add(nb.problem());
      }
    } else {
      python = false;
      units = List.of(ConfigText.extract(bytes, packageName, path.endsWith(".json")));
    }
    if (python
        && mentions
        && problems.stream().noneMatch(p -> p.startsWith("not "))
        && units.stream().anyMatch(ModuleFacts::parseErrors)) {
      problems.add("syntax errors: tree-sitter skipped what it could not parse, and uses there");
    }
    FileFacts.Problem problem =
        problems.isEmpty() ? null : new FileFacts.Problem(String.join("; ", problems), mentions);
    return new FileFacts(python, units, problem);
  }

  /** A file the overlay scan needs: one it cannot read is an error naming it. */
  private static byte[] readOrFail(Path file) {
    try {
      return withoutBom(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UserError("cannot read " + file + ": " + SourceFiles.reason(e), e);
    }
  }

  /**
   * The text without a UTF-8 byte-order mark: tree-sitter skips it without counting it, so offsets
   * into the bytes would be three off.
   */
  static byte[] withoutBom(byte[] b) {
    return b.length >= 3 && b[0] == (byte) 0xEF && b[1] == (byte) 0xBB && b[2] == (byte) 0xBF
        ? Arrays.copyOfRange(b, 3, b.length)
        : b;
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

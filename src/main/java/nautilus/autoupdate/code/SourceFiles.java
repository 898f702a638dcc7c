package nautilus.autoupdate.code;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nautilus.autoupdate.UserError;

/**
 * Lists the files of a downstream repo worth reading: Python sources, notebooks and configs under
 * the source dirs, minus what git ignores, virtualenvs and build output. Paths are relative to the
 * repo root with forward slashes, sorted.
 */
final class SourceFiles {
  static final Set<String> EXTENSIONS = Set.of("py", "pyi", "ipynb", "yaml", "yml", "json", "toml");
  private static final Set<String> SKIPPED_DIRS =
      Set.of(
          ".git",
          ".hg",
          ".venv",
          "venv",
          ".tox",
          ".nox",
          "build",
          "dist",
          "site-packages",
          "__pycache__",
          "node_modules",
          ".mypy_cache",
          ".pytest_cache",
          ".ruff_cache",
          ".eggs",
          ".ipynb_checkpoints",
          ".nautilus-autoupdate",
          ".idea",
          ".vscode");

  private SourceFiles() {}

  static List<String> list(Path root, ScanScope scope, String packageName) {
    return List.copyOf(listWithAttributes(root, scope, packageName, new ArrayList<>()).keySet());
  }

  /**
   * The files {@link #list} gives, each with its attributes (read once here: the scan keys its
   * caches by size and mtime). A file that vanishes while listed is left out; a folder or file that
   * cannot be opened goes to {@code unread}, since what it holds is unknown. A folder that holds a
   * separate project ({@link NestedProjects}) is left out and named in {@code unread}, so the
   * report says what was not read; {@code exclude} leaves out what the user named, silently.
   */
  static SortedMap<String, BasicFileAttributes> listWithAttributes(
      Path root, ScanScope scope, String packageName, List<UnreadFile> unread) {
    if (!Files.isDirectory(root)) {
      throw new UserError("repo " + root + " is not a directory");
    }
    boolean git = isGitWorkTree(root);
    Set<String> listed = new LinkedHashSet<>();
    for (String dir : scope.sourceDirs()) {
      String norm = normalize(dir);
      Path start = norm.isEmpty() ? root : root.resolve(norm);
      if (!Files.exists(start)) {
        throw new UserError(
            "source dir '" + dir + "' does not exist under " + root + " (check source_dirs)");
      }
      listed.addAll(git ? gitFiles(root, norm, unread) : walk(root, start, unread));
    }
    List<String> kept = listed.stream().filter(f -> !inSkippedDir(f)).toList();
    // git lists an untracked virtualenv that no .gitignore names; the walk skips it by pyvenv.cfg.
    List<String> venvs =
        kept.stream()
            .filter(f -> f.endsWith("/pyvenv.cfg"))
            .map(f -> f.substring(0, f.lastIndexOf('/')))
            .toList();
    SortedMap<String, String> nested = NestedProjects.find(root, kept, scope, packageName);
    nested.forEach((dir, why) -> unread.add(new UnreadFile(dir + "/", why, false)));
    Ignore excluded = Ignore.of("", scope.exclude());
    SortedMap<String, BasicFileAttributes> out = new TreeMap<>();
    for (String f : kept) {
      if (wanted(f)
          && !out.containsKey(f)
          && !under(f, venvs)
          && !under(f, nested.keySet())
          && !excluded.matchesPathOrParent(f)) {
        BasicFileAttributes a = regularFile(root.resolve(f), f, unread);
        if (a != null) {
          out.put(f, a);
        }
      }
    }
    return out;
  }

  private static boolean under(String file, java.util.Collection<String> dirs) {
    for (String d : dirs) {
      if (file.startsWith(d + "/")) {
        return true;
      }
    }
    return false;
  }

  private static BasicFileAttributes regularFile(Path file, String rel, List<UnreadFile> unread) {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      return a.isRegularFile() ? a : null;
    } catch (NoSuchFileException e) {
      return null; // gone, or a dangling link: nothing to read
    } catch (IOException e) {
      unread.add(new UnreadFile(rel, "cannot read: " + reason(e), true));
      return null;
    }
  }

  /** Why a file could not be read, in a few words. */
  static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileSystemException fse && fse.getReason() != null) {
      return fse.getReason().toLowerCase(Locale.ROOT);
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  static String normalize(String dir) {
    String d = dir.replace('\\', '/');
    while (d.startsWith("./")) {
      d = d.substring(2);
    }
    while (d.endsWith("/")) {
      d = d.substring(0, d.length() - 1);
    }
    return d.equals(".") ? "" : d;
  }

  static boolean wanted(String rel) {
    if (inSkippedDir(rel)) {
      return false;
    }
    String name = rel.substring(rel.lastIndexOf('/') + 1);
    int dot = name.lastIndexOf('.');
    return dot > 0
        && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT))
        && !bindingGenerator(name);
  }

  /**
   * A cbindgen settings file ({@code cbindgen_cython.toml} beside a copy of upstream's Rust core):
   * the module names in it are Cython {@code cimport}s of generated headers, which no Python import
   * reads and no model holds.
   */
  private static boolean bindingGenerator(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.startsWith("cbindgen") && lower.endsWith(".toml");
  }

  /** Whether a folder on the way to {@code rel} is a virtualenv, a cache or build output. */
  static boolean inSkippedDir(String rel) {
    String[] parts = rel.split("/");
    for (int i = 0; i < parts.length - 1; i++) {
      if (skippedDir(parts[i])) {
        return true;
      }
    }
    return false;
  }

  private static boolean skippedDir(String name) {
    return SKIPPED_DIRS.contains(name) || name.startsWith(".venv") || name.endsWith(".egg-info");
  }

  private static boolean isGitWorkTree(Path root) {
    try {
      Process p =
          new ProcessBuilder("git", "-C", root.toString(), "rev-parse", "--is-inside-work-tree")
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 && out.equals("true");
    } catch (IOException e) {
      return false; // no git installed: fall back to the .gitignore-aware walk
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserError("interrupted while listing files of " + root, e);
    }
  }

  /** git's word for a folder it could not list (run with LC_ALL=C, so it is in English). */
  private static final Pattern GIT_UNREADABLE =
      Pattern.compile("could not open directory '([^']*)': (.*)");

  private static List<String> gitFiles(Path root, String dir, List<UnreadFile> unread) {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "git",
                "-C",
                root.toString(),
                "ls-files",
                "-z",
                "--cached",
                "--others",
                "--exclude-standard"));
    if (!dir.isEmpty()) {
      cmd.add("--");
      cmd.add(dir);
    }
    try {
      Path errFile = Files.createTempFile("nautilus-autoupdate-ls-files", ".err");
      byte[] out;
      String err;
      Process p;
      try {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(errFile.toFile());
        pb.environment().put("LC_ALL", "C");
        p = pb.start();
        try (InputStream in = p.getInputStream()) {
          out = in.readAllBytes();
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
          throw new UserError("git ls-files failed in " + root);
        }
        err = Files.readString(errFile, StandardCharsets.UTF_8);
      } finally {
        Files.deleteIfExists(errFile);
      }
      for (String line : err.split("\\R")) {
        Matcher m = GIT_UNREADABLE.matcher(line);
        if (m.find()) {
          String folder = normalize(m.group(1));
          unread.add(
              new UnreadFile(
                  folder + "/",
                  "cannot read folder: " + m.group(2).toLowerCase(Locale.ROOT),
                  true));
        }
      }
      if (p.exitValue() != 0) {
        throw new UserError("git ls-files failed in " + root);
      }
      List<String> files = new ArrayList<>();
      for (String f : new String(out, StandardCharsets.UTF_8).split("\0")) {
        if (!f.isEmpty()) {
          files.add(f);
        }
      }
      return files;
    } catch (IOException e) {
      throw new UserError("cannot run git in " + root + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserError("interrupted while listing files of " + root, e);
    }
  }

  /** A walk honoring .gitignore files (globs, dir/ patterns, rooted /patterns; no negation). */
  private static List<String> walk(Path root, Path start, List<UnreadFile> unread) {
    List<String> files = new ArrayList<>();
    List<Ignore> ignores = new ArrayList<>();
    try {
      Files.walkFileTree(
          start,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
                throws IOException {
              String rel = rel(root, dir);
              if (!dir.equals(start)
                  && (skippedDir(dir.getFileName().toString())
                      || Files.exists(dir.resolve("pyvenv.cfg"))
                      || ignored(ignores, rel, true))) {
                return FileVisitResult.SKIP_SUBTREE;
              }
              Path gi = dir.resolve(".gitignore");
              if (Files.isRegularFile(gi)) {
                try {
                  ignores.add(Ignore.read(rel, gi));
                } catch (IOException e) {
                  // Unreadable ignore rules only make the scan read more, never less.
                }
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) {
              if (e != null) {
                unread.add(
                    new UnreadFile(rel(root, dir) + "/", "cannot read folder: " + reason(e), true));
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              if (!(e instanceof NoSuchFileException)) {
                String rel = rel(root, file);
                boolean folder = Files.isDirectory(file, java.nio.file.LinkOption.NOFOLLOW_LINKS);
                if (folder || wanted(rel)) {
                  unread.add(
                      new UnreadFile(
                          folder ? rel + "/" : rel,
                          (folder ? "cannot read folder: " : "cannot read: ") + reason(e),
                          true));
                }
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              String rel = rel(root, file);
              if (attrs.isRegularFile() && !ignored(ignores, rel, false)) {
                files.add(rel);
              }
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  private static String rel(Path root, Path p) {
    return root.relativize(p).toString().replace('\\', '/');
  }

  private static boolean ignored(List<Ignore> ignores, String rel, boolean dir) {
    for (Ignore i : ignores) {
      if (i.matches(rel, dir)) {
        return true;
      }
    }
    return false;
  }

  /** The patterns of one .gitignore, relative to the folder holding it. */
  private record Ignore(String base, List<Pattern> patterns, List<Boolean> dirOnly) {
    static Ignore read(String base, Path file) throws IOException {
      return of(base, Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    static Ignore of(String base, List<String> lines) {
      List<Pattern> patterns = new ArrayList<>();
      List<Boolean> dirOnly = new ArrayList<>();
      for (String raw : lines) {
        String line = raw.strip();
        if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
          continue;
        }
        boolean onlyDirs = line.endsWith("/");
        if (onlyDirs) {
          line = line.substring(0, line.length() - 1);
        }
        boolean rooted = line.startsWith("/") || line.contains("/");
        if (line.startsWith("/")) {
          line = line.substring(1);
        }
        String regex = globRegex(line);
        patterns.add(Pattern.compile(rooted ? regex : "(?:.*/)?" + regex));
        dirOnly.add(onlyDirs);
      }
      return new Ignore(base, patterns, dirOnly);
    }

    /** Whether the file {@code rel} or a folder on its way is matched. */
    boolean matchesPathOrParent(String rel) {
      if (patterns.isEmpty()) {
        return false;
      }
      for (int i = rel.indexOf('/'); i >= 0; i = rel.indexOf('/', i + 1)) {
        if (matches(rel.substring(0, i), true)) {
          return true;
        }
      }
      return matches(rel, false);
    }

    boolean matches(String rel, boolean dir) {
      String local;
      if (base.isEmpty()) {
        local = rel;
      } else if (rel.startsWith(base + "/")) {
        local = rel.substring(base.length() + 1);
      } else {
        return false;
      }
      for (int i = 0; i < patterns.size(); i++) {
        if ((dir || !dirOnly.get(i)) && patterns.get(i).matcher(local).matches()) {
          return true;
        }
      }
      return false;
    }
  }

  /** A regex for a .gitignore-style glob: {@code *} within a segment, {@code **} across them. */
  static String globRegex(String g) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < g.length(); i++) {
      char c = g.charAt(i);
      if (c == '*' && i + 1 < g.length() && g.charAt(i + 1) == '*') {
        sb.append(".*");
        i++;
        if (i + 1 < g.length() && g.charAt(i + 1) == '/') {
          i++;
        }
      } else if (c == '*') {
        sb.append("[^/]*");
      } else if (c == '?') {
        sb.append("[^/]");
      } else {
        sb.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return sb.toString();
  }
}

package nautilus.autoupdate.deps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import nautilus.autoupdate.AtomicFiles;
import nautilus.autoupdate.RepoPaths;
import nautilus.autoupdate.UserError;
import nautilus.autoupdate.config.AutoUpdateConfig;
import nautilus.autoupdate.config.Channel;
import nautilus.autoupdate.config.TomlFiles;
import nautilus.autoupdate.version.SpecifierSet;
import nautilus.autoupdate.version.Version;

/**
 * The upstream package's pins in a repository: which version it is on ({@link #current}) and the
 * edits that move it to another ({@link #bump}, then {@link #apply}). Reads {@code pyproject_path},
 * {@code requirements*.txt} beside it and at the root (and under {@code requirements/}), the files
 * they include with {@code -r}/{@code -c}, and {@code uv.lock} beside the pyproject.
 */
public final class Pins {
  /** One pin file as read: its path relative to the repository, kind, text and scan. */
  public record Scanned(String path, PinFile kind, String text, PinScan scan) {}

  private Pins() {}

  /**
   * The current version, from the best record there is: the locked one (uv.lock, a git source there
   * included; poetry.lock when it locks a git source), an exact pin, a git pin at a release tag,
   * the version installed in the project's environment ({@link InstalledVersion}), and last the
   * lowest a range allows. The installed version beats a range's floor only when the range allows
   * it: it is then the truth, and the floor a guess.
   */
  public static Optional<CurrentVersion> current(Path repoRoot, AutoUpdateConfig cfg) {
    List<Scanned> files = scan(repoRoot, cfg);
    List<Pin> pins = pinsOf(files, cfg.packageName());
    List<GitPin> git = GitPin.find(files, cfg.packageName());
    String lockPath = lockPath(cfg);
    Optional<UvLockReader.Locked> locked =
        UvLockReader.read(repoRoot.resolve(lockPath), lockPath, cfg.packageName());
    if (locked.isEmpty()) {
      // Poetry's lock only for a git source: its commit is what no pin says.
      String poetry = join(parentOf(cfg.pyprojectPath()), UvLockReader.POETRY);
      locked =
          UvLockReader.read(repoRoot.resolve(poetry), poetry, cfg.packageName())
              .filter(l -> l.gitCommit() != null);
      if (locked.isPresent()) {
        lockPath = poetry;
      }
    }
    String declared =
        pins.stream().map(Pin::specifier).filter(s -> !s.isEmpty()).findFirst().orElse("");
    if (locked.isPresent()) {
      String commit = locked.get().gitCommit();
      return Optional.of(
          new CurrentVersion(
              locked.get().version(),
              lockPath,
              locked.get().line(),
              declared,
              "locked in " + lockPath + (commit == null ? "" : " at git commit " + commit),
              commit == null ? lockPath : "git pin " + commit,
              commit));
    }
    CurrentVersion best = null;
    boolean bestExact = false;
    for (Pin p : pins) {
      if (p.specifier().isEmpty()) {
        continue;
      }
      boolean exact = SpecifierBump.isExact(p.specifier(), p.syntax());
      Optional<Version> low = SpecifierBump.lowest(p.specifier(), p.syntax());
      if (low.isEmpty()) {
        continue;
      }
      // Every declared constraint applies at once, so the highest floor is the real one.
      boolean better =
          best == null
              || (exact && !bestExact)
              || (exact == bestExact && low.get().compareTo(best.version()) > 0);
      if (better) {
        String origin =
            exact
                ? "pinned with " + p.specifier() + " in " + p.file()
                : "lowest version allowed by "
                    + p.specifier()
                    + " in "
                    + p.file()
                    + " (no lock file)";
        best =
            new CurrentVersion(
                low.get(), p.file(), p.line(), p.specifier(), origin, p.file(), null);
        bestExact = exact;
      }
    }
    if (best != null && bestExact) {
      return Optional.of(best);
    }
    for (GitPin g : git) {
      Optional<Version> tag = g.tagVersion();
      if (tag.isPresent()) {
        return Optional.of(
            new CurrentVersion(
                tag.get(),
                g.file(),
                g.line(),
                "",
                "git pin at tag " + g.ref() + " in " + g.location(),
                g.source(),
                null));
      }
    }
    Optional<InstalledVersion> installed =
        InstalledVersion.find(
            repoRoot, parentOf(cfg.pyprojectPath()), cfg.testCommand(), cfg.packageName());
    CurrentVersion floor = best;
    Optional<InstalledVersion> allowed =
        installed.filter(
            i ->
                floor == null
                    || floor.specifier().isEmpty()
                    || SpecifierBump.allows(floor.specifier(), syntaxOf(pins, floor), i.version()));
    if (allowed.isPresent()) {
      InstalledVersion i = allowed.get();
      GitPin commitPin = git.stream().filter(GitPin::isCommit).findFirst().orElse(null);
      String commit = commitPin != null ? commitPin.ref() : i.commit();
      String origin =
          "installed in "
              + i.venv()
              + " ("
              + i.distInfo()
              + ")"
              + (commitPin != null
                  ? "; git pin " + commitPin.ref() + " in " + commitPin.location()
                  : "");
      return Optional.of(
          new CurrentVersion(
              i.version(),
              i.distInfo() + "/METADATA",
              1,
              floor == null ? "" : floor.specifier(),
              origin,
              commitPin != null ? commitPin.source() : i.source(),
              commit));
    }
    return Optional.ofNullable(best);
  }

  /** The git pins of the package (for saying why no version was found). */
  public static List<GitPin> gitPins(Path repoRoot, AutoUpdateConfig cfg) {
    return GitPin.find(scan(repoRoot, cfg), cfg.packageName());
  }

  private static Pin.Syntax syntaxOf(List<Pin> pins, CurrentVersion v) {
    return pins.stream()
        .filter(p -> p.file().equals(v.file()) && p.line() == v.line())
        .map(Pin::syntax)
        .findFirst()
        .orElse(Pin.Syntax.PEP440);
  }

  /**
   * The edits that move every pin of the configured package to {@code to}, keeping each
   * constraint's style, and (for the nightly and develop channels) configure NautilusTrader's
   * package index. Nothing is written; see {@link #apply}.
   */
  public static List<FileEdit> bump(Path repoRoot, AutoUpdateConfig cfg, Version to) {
    List<Scanned> files = scan(repoRoot, cfg);
    String pkg = cfg.packageName();
    if (pinsOf(files, pkg).isEmpty()) {
      String read =
          files.isEmpty()
              ? "no " + cfg.pyprojectPath() + " or requirements*.txt found"
              : "read " + files.stream().map(Scanned::path).collect(Collectors.joining(", "));
      throw new UserError("no dependency on " + pkg + " to update (" + read + ")");
    }
    boolean needsIndex = cfg.channel() == Channel.NIGHTLY || cfg.channel() == Channel.DEVELOP;
    List<FileEdit> edits = new ArrayList<>();
    for (Scanned f : files) {
      List<Pin> pins = pinsOf(List.of(f), pkg);
      if (pins.isEmpty()) {
        continue;
      }
      String text = f.text();
      List<Pin> descending = new ArrayList<>(pins);
      descending.sort(Comparator.comparingInt(Pin::start).reversed());
      for (Pin p : descending) {
        text = bumpOne(text, p, to);
      }
      if (needsIndex && pins.stream().anyMatch(p -> p.syntax() == Pin.Syntax.PEP440)) {
        text = f.kind().ensureIndex(f.path(), text, pkg, cfg.nightlyIndexUrl());
      }
      confirm(f, text, pkg, to);
      if (!text.equals(f.text())) {
        edits.add(new FileEdit(f.path(), f.text(), text));
      }
    }
    return edits;
  }

  /** Writes edits atomically, refusing files that changed since the edits were planned. */
  public static void apply(Path repoRoot, List<FileEdit> edits) {
    for (FileEdit e : edits) {
      Path file = repoRoot.resolve(e.path());
      String now = Files.isRegularFile(file) ? TomlFiles.readText(file, e.path()) : "";
      if (!now.equals(e.before())) {
        throw new UserError(e.path() + ": changed since the update was planned; run again");
      }
      AtomicFiles.write(file, e.after());
    }
  }

  private static String bumpOne(String text, Pin p, Version to) {
    if (p.skip().isPresent()) {
      switch (p.skip().get()) {
        case UNPINNED:
        case DIRECT_REFERENCE:
          return text; // nothing to move: the lock or the reference decides
        default:
          throw new UserError(
              p.location()
                  + ": cannot edit the constraint of "
                  + p.name()
                  + " ("
                  + p.skip().get().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                  + "); update it by hand");
      }
    }
    String bumped =
        SpecifierBump.bump(p.specifier(), p.syntax(), to)
            .orElseThrow(
                () ->
                    new UserError(
                        p.location()
                            + ": cannot read the version constraint '"
                            + p.specifier()
                            + "' of "
                            + p.name()
                            + " (expected e.g. ==1.220.0 or >=1.220.0,<2)"));
    return text.substring(0, p.start()) + bumped + text.substring(p.end());
  }

  // Re-reads the edited text, as a reader of the file would, and checks the target is allowed.
  private static void confirm(Scanned f, String after, String pkg, Version to) {
    PinScan again = f.kind().extract(f.path(), after);
    if (again.error().isPresent()) {
      throw new IllegalStateException("edit broke " + f.path() + ": " + again.error().get());
    }
    for (Pin p : named(again.pins(), pkg)) {
      if (p.syntax() != Pin.Syntax.PEP440 || p.specifier().isEmpty() || !p.editable()) {
        continue;
      }
      if (!SpecifierSet.parse(p.specifier()).contains(to, true)) {
        throw new UserError(
            p.location()
                + ": "
                + p.name()
                + p.specifier()
                + " still excludes "
                + to
                + " after the update (a > or != clause?); edit it by hand");
      }
    }
  }

  /** Every pin file of the repository, read and scanned; unreadable files fail. */
  public static List<Scanned> scan(Path repoRoot, AutoUpdateConfig cfg) {
    Map<String, Scanned> out = new LinkedHashMap<>();
    Deque<String> todo = new ArrayDeque<>();
    todo.add(cfg.pyprojectPath().replace('\\', '/'));
    String pyDir = parentOf(cfg.pyprojectPath());
    for (String dir : List.of(pyDir, "", "requirements", join(pyDir, "requirements"))) {
      todo.addAll(requirementFilesIn(repoRoot, dir));
    }
    while (!todo.isEmpty()) {
      String rel = normalize(todo.poll());
      if (rel == null || out.containsKey(rel)) {
        continue;
      }
      Path file = repoRoot.resolve(rel);
      if (!Files.isRegularFile(file)) {
        continue;
      }
      PinFile kind =
          PinFiles.forPath(rel)
              .orElseGet(() -> rel.endsWith(".toml") ? null : new RequirementsPinFile());
      if (kind == null) {
        continue;
      }
      String text = TomlFiles.readText(file, rel);
      PinScan scan = kind.extract(rel, text);
      if (scan.error().isPresent()) {
        throw new UserError(scan.error().get());
      }
      out.put(rel, new Scanned(rel, kind, text, scan));
      for (String include : scan.includes()) {
        todo.add(includeTarget(repoRoot, rel, include));
      }
    }
    return new ArrayList<>(out.values());
  }

  /**
   * The repository path {@code -r include} in {@code rel} names; a UserError that says what is
   * wrong when it cannot be followed: outside the repository (absolute, {@code ..}, or a link out),
   * missing, a folder, or unreadable. Each reason is its own message: "does not exist" for a file
   * that exists elsewhere would send the user looking for the wrong problem.
   */
  private static String includeTarget(Path repoRoot, String rel, String include) {
    String what = rel + ": includes '" + include + "', which ";
    boolean absolute =
        include.startsWith("/")
            || include.startsWith("\\")
            || include.startsWith("~")
            || include.matches("^[A-Za-z]:[\\\\/].*");
    String target = absolute ? null : normalize(join(parentOf(rel), include));
    if (target == null) {
      throw new UserError(what + "is outside the repository (only files inside it are read)");
    }
    Path file = repoRoot.resolve(target);
    if (!Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      throw new UserError(what + "does not exist");
    }
    try {
      if (!file.toRealPath().startsWith(repoRoot.toRealPath())) {
        throw new UserError(
            what + "links to " + file.toRealPath() + ", outside the repository (not read)");
      }
    } catch (IOException e) {
      throw new UserError(what + "cannot be resolved (" + e.getMessage() + ")", e);
    }
    if (Files.isDirectory(file)) {
      throw new UserError(what + "is a folder, not a requirements file");
    }
    if (!Files.isReadable(file)) {
      throw new UserError(what + "exists but cannot be read (permission denied)");
    }
    return target;
  }

  private static List<String> requirementFilesIn(Path repoRoot, String dir) {
    Path d = repoRoot.resolve(dir.isEmpty() ? "." : dir);
    if (!Files.isDirectory(d)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(d)) {
      RequirementsPinFile kind = new RequirementsPinFile();
      return s.filter(Files::isRegularFile)
          .map(p -> join(dir, p.getFileName().toString()))
          .filter(kind::handles)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UserError(dir + ": cannot list (" + e.getMessage() + ")", e);
    }
  }

  static String lockPath(AutoUpdateConfig cfg) {
    return join(parentOf(cfg.pyprojectPath()), UvLockReader.FILE);
  }

  private static List<Pin> pinsOf(List<Scanned> files, String pkg) {
    return files.stream().flatMap(f -> named(f.scan().pins(), pkg).stream()).toList();
  }

  private static List<Pin> named(List<Pin> pins, String pkg) {
    return pins.stream().filter(p -> PackageNames.same(p.name(), pkg)).toList();
  }

  private static String parentOf(String rel) {
    String r = rel.replace('\\', '/');
    int slash = r.lastIndexOf('/');
    return slash < 0 ? "" : r.substring(0, slash);
  }

  private static String join(String dir, String name) {
    return dir.isEmpty() ? name : dir + "/" + name;
  }

  /** Collapses "." and ".." segments; null when the path leaves the repository or is empty. */
  private static String normalize(String rel) {
    String n = RepoPaths.normalize(rel);
    return n == null || n.isEmpty() ? null : n;
  }
}

package nautilus.autoupdate.fix;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nautilus.autoupdate.UserError;
import nautilus.autoupdate.impact.AffectedFile;
import nautilus.autoupdate.impact.ImpactReport;
import nautilus.autoupdate.impact.Site;

/**
 * The fix stage: plans byte-range edits for the certain sites of an {@link ImpactReport}, applies
 * them in memory, proves them (no new parse errors, and the {@link Recheck} no longer finds the
 * fixed sites; a file that fails either keeps its old content), and writes atomically on request.
 */
public final class FixEngine {
  private final Recheck recheck;

  public FixEngine(Recheck recheck) {
    this.recheck = recheck;
  }

  /** Plans and proves the fixes for {@code report}'s sites under {@code repo}; writes nothing. */
  public FixRun plan(Path repo, ImpactReport report) {
    FileFixer fixer = new FileFixer(report.breakingChanges(), false);
    Path root = repo.toAbsolutePath().normalize();
    Map<String, FileChange> changed = new LinkedHashMap<>();
    Map<String, List<SiteResult>> results = new LinkedHashMap<>();
    List<AffectedFile> files = new ArrayList<>(report.affectedFiles());
    files.sort(Comparator.comparing(AffectedFile::path));
    for (AffectedFile f : files) {
      Path file = root.resolve(f.path()).normalize();
      if (!file.startsWith(root)) {
        results.put(f.path(), skipAll(f.sites(), "the path leaves the repository"));
        continue;
      }
      byte[] before;
      try {
        before = Files.readAllBytes(file);
      } catch (NoSuchFileException e) {
        results.put(f.path(), skipAll(f.sites(), "the file no longer exists"));
        continue;
      } catch (IOException e) {
        throw new UserError("cannot read " + file + ": " + e.getMessage(), e);
      }
      FileFixer.FileResult r = fixer.fix(f.path(), before, f.sites());
      results.put(f.path(), new ArrayList<>(r.sites()));
      if (!Arrays.equals(before, r.after())) {
        changed.put(f.path(), new FileChange(f.path(), before, r.after()));
      }
    }
    prove(root, report, changed, results);
    return new FixRun(toResult(results, changed.size()), List.copyOf(changed.values()));
  }

  /** Drops the edits of every file where the re-check still finds a fixed site. */
  private void prove(
      Path root,
      ImpactReport report,
      Map<String, FileChange> changed,
      Map<String, List<SiteResult>> results) {
    if (changed.isEmpty()) {
      return;
    }
    Map<String, byte[]> edited = new LinkedHashMap<>();
    changed.forEach((path, c) -> edited.put(path, c.after()));
    List<Recheck.Located> fixed = new ArrayList<>();
    for (String path : changed.keySet()) {
      for (SiteResult r : results.get(path)) {
        if (r.fixed() && !r.covered()) {
          Site s = r.site();
          fixed.add(
              new Recheck.Located(
                  path,
                  new Site(
                      r.newLine(),
                      r.newColumn(),
                      s.cell(),
                      s.code(),
                      s.match(),
                      s.certainty(),
                      s.change(),
                      s.fix(),
                      s.evidence())));
        }
      }
    }
    Set<String> failed = new HashSet<>();
    for (Recheck.Located l : recheck.stillPresent(root, edited, fixed, report.breakingChanges())) {
      failed.add(l.path());
    }
    for (String path : failed) {
      changed.remove(path);
      List<SiteResult> reverted = new ArrayList<>();
      for (SiteResult r : results.get(path)) {
        reverted.add(
            r.fixed()
                ? SiteResult.skipped(
                    r.site(),
                    "re-analysis still finds the site after the edit; the file was left unchanged")
                : r);
      }
      results.put(path, reverted);
    }
  }

  private static FixResult toResult(Map<String, List<SiteResult>> results, int filesChanged) {
    List<FixResult.Applied> applied = new ArrayList<>();
    List<FixResult.Skipped> skipped = new ArrayList<>();
    results.forEach(
        (path, rs) -> {
          List<SiteResult> sorted = new ArrayList<>(rs);
          sorted.sort(
              Comparator.comparing((SiteResult r) -> r.site().cell() == null ? -1 : r.site().cell())
                  .thenComparingInt(r -> r.site().line())
                  .thenComparingInt(r -> r.site().column()));
          for (SiteResult r : sorted) {
            Site s = r.site();
            if (r.fixed()) {
              applied.add(
                  new FixResult.Applied(
                      path, s.line(), s.cell(), r.before(), r.after(), s.change()));
            } else {
              skipped.add(new FixResult.Skipped(path, s.line(), s.cell(), r.reason(), s.change()));
            }
          }
        });
    return new FixResult(applied, skipped, filesChanged);
  }

  private static List<SiteResult> skipAll(List<Site> sites, String reason) {
    return new ArrayList<>(sites.stream().map(s -> SiteResult.skipped(s, reason)).toList());
  }

  /** Writes each changed file atomically (temp file in the same folder, then an atomic move). */
  public static void write(Path repo, FixRun run) {
    Path root = repo.toAbsolutePath().normalize();
    for (FileChange c : run.changes()) {
      Path file = root.resolve(c.path()).normalize();
      try {
        Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".fix.tmp");
        try {
          Files.write(tmp, c.after());
          copyPermissions(file, tmp);
          Files.move(
              tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
          Files.deleteIfExists(tmp);
        }
      } catch (AccessDeniedException e) {
        throw new UserError("cannot write " + file + ": permission denied", e);
      } catch (IOException e) {
        throw new UserError("cannot write " + file + ": " + e.getMessage(), e);
      }
    }
  }

  private static void copyPermissions(Path from, Path to) throws IOException {
    try {
      Files.setPosixFilePermissions(to, Files.getPosixFilePermissions(from));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system (Windows): the temp file's defaults are what the user gets.
      Files.setAttribute(to, "dos:readonly", false);
    }
  }

  static String permissions(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }
}

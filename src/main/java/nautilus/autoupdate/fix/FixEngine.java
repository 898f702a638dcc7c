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
 * them in memory, checks them (no new parse errors, and the {@link Recheck} no longer finds the
 * fixed sites; a file that fails either keeps its old content), then has the {@link Proof} read the
 * edited bytes against the target version: an edit whose code does not resolve there is dropped and
 * its site left for the agent with the reason, the rest re-planned. Writes atomically on request.
 * There is no way around the proof: every caller passes one.
 */
public final class FixEngine {
  /** Rounds of dropping unproven edits and re-planning the rest before a file is left alone. */
  private static final int PROOF_ROUNDS = 4;

  private final Recheck recheck;
  private final Proof proof;

  public FixEngine(Proof proof) {
    this(new ReplanRecheck(), proof);
  }

  public FixEngine(Recheck recheck, Proof proof) {
    this.recheck = recheck;
    this.proof = java.util.Objects.requireNonNull(proof, "proof");
  }

  /** Plans the fixes of {@code report} and writes them, unless {@code dryRun} (then only plans). */
  public FixRun apply(Path repo, ImpactReport report, boolean dryRun) {
    FixRun run = plan(repo, report);
    if (!dryRun) {
      write(repo, run);
    }
    return run;
  }

  /** Plans and proves the fixes for {@code report}'s sites under {@code repo}; writes nothing. */
  public FixRun plan(Path repo, ImpactReport report) {
    FileFixer fixer = new FileFixer(report.breakingChanges(), false);
    Path root = repo.toAbsolutePath().normalize();
    Map<String, FileChange> changed = new LinkedHashMap<>();
    Map<String, List<SiteResult>> results = new LinkedHashMap<>();
    Map<String, List<Site>> sitesOf = new LinkedHashMap<>();
    Map<String, byte[]> befores = new LinkedHashMap<>();
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
      sitesOf.put(f.path(), f.sites());
      befores.put(f.path(), before);
      if (!Arrays.equals(before, r.after())) {
        changed.put(f.path(), new FileChange(f.path(), before, r.after()));
      }
    }
    recheck(root, report, changed, results);
    proveOnTarget(root, report, fixer, sitesOf, befores, changed, results);
    return new FixRun(toResult(results, changed.size()), List.copyOf(changed.values()));
  }

  /**
   * Has the proof read every edited file; drops the edits whose code does not resolve on the target
   * (the sites whose edited lines hold a failing use, else every edit of the file) and re-plans the
   * file without them, until what is left is proven.
   */
  private void proveOnTarget(
      Path root,
      ImpactReport report,
      FileFixer fixer,
      Map<String, List<Site>> sitesOf,
      Map<String, byte[]> befores,
      Map<String, FileChange> changed,
      Map<String, List<SiteResult>> results) {
    Map<String, Map<Site, String>> refused = new LinkedHashMap<>();
    for (int round = 0; !changed.isEmpty(); round++) {
      Proof.Verdict v = proof.prove(root, report, List.copyOf(changed.values()));
      if (v.refused() != null) {
        for (String path : List.copyOf(changed.keySet())) {
          leaveAll(path, "unproven: " + v.refused(), changed, results);
        }
        return;
      }
      if (v.failures().isEmpty()) {
        return;
      }
      Map<String, List<Proof.Failure>> byPath = new LinkedHashMap<>();
      v.failures().forEach(f -> byPath.computeIfAbsent(f.path(), k -> new ArrayList<>()).add(f));
      for (Map.Entry<String, List<Proof.Failure>> e : byPath.entrySet()) {
        String path = e.getKey();
        if (!changed.containsKey(path)) {
          continue;
        }
        if (round + 1 >= PROOF_ROUNDS) {
          leaveAll(path, e.getValue().get(0).reason(), changed, results);
          continue;
        }
        Map<Site, String> blamed = blame(results.get(path), e.getValue());
        Map<Site, String> mine = refused.computeIfAbsent(path, k -> new LinkedHashMap<>());
        mine.putAll(blamed);
        List<Site> keep = new ArrayList<>(sitesOf.get(path));
        keep.removeAll(mine.keySet());
        byte[] before = befores.get(path);
        FileFixer.FileResult r = fixer.fix(path, before, keep);
        List<SiteResult> rs = new ArrayList<>(r.sites());
        mine.forEach((site, why) -> rs.add(SiteResult.skipped(site, why)));
        results.put(path, rs);
        Map<String, FileChange> one = new LinkedHashMap<>();
        if (!Arrays.equals(before, r.after())) {
          one.put(path, new FileChange(path, before, r.after()));
        }
        recheck(root, report, one, results);
        if (one.containsKey(path)) {
          changed.put(path, one.get(path));
        } else {
          changed.remove(path);
        }
      }
    }
  }

  /**
   * The fixed sites whose edited lines hold a failing use, each with the first such failure's
   * reason; every fixed site of the file when no failure sits on an edited line (fail closed).
   */
  private static Map<Site, String> blame(List<SiteResult> results, List<Proof.Failure> failures) {
    Map<Site, String> out = new LinkedHashMap<>();
    for (Proof.Failure f : failures) {
      // The edit that wrote the failing use, else any edit on its line.
      List<SiteResult> exact = new ArrayList<>();
      List<SiteResult> onLine = new ArrayList<>();
      for (SiteResult r : results) {
        if (!r.fixed() || !java.util.Objects.equals(f.cell(), r.site().cell())) {
          continue;
        }
        if (r.spans().stream().anyMatch(sp -> sp.contains(f.line(), f.column()))) {
          exact.add(r);
        } else if (r.spans().stream().anyMatch(sp -> sp.touches(f.line()))) {
          onLine.add(r);
        }
      }
      for (SiteResult r : exact.isEmpty() ? onLine : exact) {
        out.putIfAbsent(r.site(), f.reason());
      }
    }
    if (out.isEmpty()) {
      for (SiteResult r : results) {
        if (r.fixed()) {
          out.put(r.site(), failures.get(0).reason());
        }
      }
    }
    return out;
  }

  /** Leaves the file unchanged: each fixed site is skipped with {@code reason}. */
  private static void leaveAll(
      String path,
      String reason,
      Map<String, FileChange> changed,
      Map<String, List<SiteResult>> results) {
    changed.remove(path);
    List<SiteResult> left = new ArrayList<>();
    for (SiteResult r : results.get(path)) {
      left.add(r.fixed() ? SiteResult.skipped(r.site(), reason) : r);
    }
    results.put(path, left);
  }

  /** Drops the edits of every file where the re-check still finds a fixed site. */
  private void recheck(
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

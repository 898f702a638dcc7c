package nautilus.autoupdate.code.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.List;
import nautilus.autoupdate.Json;
import nautilus.autoupdate.code.CodeBase;
import nautilus.autoupdate.code.CodeScanner;
import nautilus.autoupdate.impact.ImpactMatcher;
import nautilus.autoupdate.notes.BreakingChange;
import nautilus.autoupdate.notes.ChangeSelector;
import nautilus.autoupdate.notes.NotesParser;
import nautilus.autoupdate.release.ReleasesMdSource;
import nautilus.autoupdate.version.ReleaseRange;
import nautilus.autoupdate.version.Version;

/**
 * Times a cold scan+match of a tree and a second run on the unchanged tree (with the cache), and
 * prints files/s, MB/s and peak heap. Run by bench/check-speed.sh; not a unit test.
 *
 * <p>Arguments: tree, cache dir, then changes.json or RELEASES.md with the from and to versions.
 */
public final class ScanBenchmark {
  private ScanBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path tree = Path.of(args[0]);
    Path cache = Path.of(args[1]);
    List<BreakingChange> changes;
    if (args[2].endsWith(".md")) {
      // Real notes: every change between two releases, as `check` would select them.
      changes =
          new ChangeSelector(new NotesParser())
              .select(
                  new ReleasesMdSource(Path.of(args[2])).releases(),
                  new ReleaseRange(Version.parse(args[3]), Version.parse(args[4])),
                  false);
      System.out.printf(
          "changes: %d from %s, %s to %s%n", changes.size(), args[2], args[3], args[4]);
    } else {
      changes =
          Json.mapper()
              .readValue(Path.of(args[2]).toFile(), new TypeReference<List<BreakingChange>>() {});
      System.out.printf("changes: %d from %s%n", changes.size(), args[2]);
    }
    System.out.printf(
        "words looked for: %d%n",
        ImpactMatcher.interest(changes, "nautilus_trader").words().size());
    run("cold", tree, cache, changes);
    run("unchanged", tree, cache, changes);
  }

  private static void run(String label, Path tree, Path cache, List<BreakingChange> changes) {
    System.gc();
    resetPeaks();
    long start = System.nanoTime();
    // What `check` runs: the scan focused on the words of the changes it matches.
    CodeBase code =
        new CodeScanner()
            .scan(
                tree,
                List.of("."),
                "nautilus_trader",
                cache,
                ImpactMatcher.interest(changes, "nautilus_trader"));
    long scanned = System.nanoTime();
    ImpactMatcher.MatchResult result = new ImpactMatcher().match(changes, code);
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "%-9s scan=%.2fs match=%.2fs%n",
        label, (scanned - start) / 1e9, (System.nanoTime() - scanned) / 1e9);
    long uses = code.files().stream().mapToLong(f -> f.uses().size()).sum();
    System.out.printf(
        "%-9s files=%d MB=%.1f time=%.2fs files/s=%.0f MB/s=%.1f peak_heap_MB=%.0f"
            + " uses=%d affected_files=%d parsed_files=%d parsed_MB=%.1f%n",
        label,
        code.scannedFiles(),
        code.scannedBytes() / 1e6,
        seconds,
        code.scannedFiles() / seconds,
        code.scannedBytes() / 1e6 / seconds,
        peakHeap() / 1e6,
        uses,
        result.affectedFiles().size(),
        code.parsedFiles(),
        code.parsedBytes() / 1e6);
  }

  static void resetPeaks() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }
}

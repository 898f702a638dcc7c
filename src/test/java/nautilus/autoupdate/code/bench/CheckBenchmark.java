package nautilus.autoupdate.code.bench;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import nautilus.autoupdate.cli.Main;

/**
 * Times the whole {@code check} in-process, as a user runs it offline with the models cached: a
 * cold run (no parse cache, no cached diff) and a re-run on the unchanged tree, each printing wall
 * and CPU time, MB/s of the tree's Python and peak heap. Run by bench/check-speed.sh; not a test.
 *
 * <p>Arguments: tree, state dir, model cache (XDG_CACHE_HOME), RELEASES.md, from, to.
 */
public final class CheckBenchmark {
  private CheckBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path tree = Path.of(args[0]);
    Path state = Path.of(args[1]);
    Map<String, String> env =
        Map.of(
            "XDG_CACHE_HOME", Path.of(args[2]).toAbsolutePath().toString(),
            "NAUTILUS_AUTOUPDATE_STATE_DIR", state.toAbsolutePath().toString());
    List<String> check =
        List.of(
            "check",
            "--repo",
            tree.toString(),
            "--releases-md",
            args[3],
            "--from",
            args[4],
            "--to",
            args[5],
            "--offline",
            "--format",
            "json");
    double mb = pythonBytes(tree) / 1e6;
    run("cold", check, env, mb);
    run("unchanged", check, env, mb);
  }

  private static void run(String label, List<String> check, Map<String, String> env, double mb)
      throws Exception {
    System.gc();
    ScanBenchmark.resetPeaks();
    long cpu0 = cpuNanos();
    long start = System.nanoTime();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            check.toArray(String[]::new),
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            env,
            Path.of("").toAbsolutePath(),
            false);
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpu = (cpuNanos() - cpu0) / 1e9;
    com.fasterxml.jackson.databind.JsonNode report =
        code == 2 ? nautilus.autoupdate.Json.mapper().readTree(out.toString()) : null;
    System.out.printf(
        "%-9s exit=%d MB=%.1f time=%.2fs cpu=%.2fs MB/s=%.1f peak_heap_MB=%.0f affected_files=%d"
            + " api_diff=%s%n",
        label,
        code,
        mb,
        seconds,
        cpu,
        mb / seconds,
        ScanBenchmark.peakHeap() / 1e6,
        report == null ? 0 : report.path("affected_files").size(),
        report == null ? "-" : summary(report.path("api_diff")));
    if (code != 2) {
      System.out.println("stderr: " + err.toString().strip());
    }
  }

  /** Whether the diff was used, else which model judged alone. */
  private static String summary(com.fasterxml.jackson.databind.JsonNode apiDiff) {
    if (apiDiff.path("used").asBoolean()) {
      return "used";
    }
    return apiDiff.path("sources").size() > 0
        ? "target model only (" + apiDiff.path("sources").fieldNames().next() + ")"
        : "none";
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static long pythonBytes(Path tree) throws Exception {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.walk(tree)) {
      s.filter(p -> p.toString().endsWith(".py") || p.toString().endsWith(".pyi"))
          .forEach(files::add);
    }
    long sum = 0;
    for (Path p : files) {
      sum += Files.size(p);
    }
    return sum;
  }
}

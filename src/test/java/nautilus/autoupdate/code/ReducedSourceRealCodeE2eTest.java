package nautilus.autoupdate.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import nautilus.autoupdate.PythonEnvs;
import org.junit.jupiter.api.Test;

/**
 * The reduction on real code: every {@code .py} and {@code .pyi} file of the installed
 * nautilus_trader 1.221.0 package gives the same facts reduced as whole, for words of real release
 * notes, with the hits the scan keeps (those outside comments and docstrings).
 */
class ReducedSourceRealCodeE2eTest {
  private static final List<Set<String>> TRIGGERS =
      List.of(
          Set.of("average", "statistics", "Indicator", "managed", "USDT_FUTURE"),
          Set.of("OrderBookDelta", "on_order_book_delta", "bar_type", "config", "ts_init"));
  private static final Set<String> FOCUS = Set.of("Cache", "Actor", "Strategy", "global");

  @Test
  void theRealPackageGivesTheSameFactsReduced() throws Exception {
    Path python =
        PythonEnvs.python(
            "venv-1.221.0", "nautilus_trader, pytest", "nautilus_trader==1.221.0", "pytest");
    Path pkg =
        python.getParent().getParent().resolve("lib/python3.11/site-packages/nautilus_trader");
    List<Path> files;
    try (Stream<Path> s = Files.walk(pkg)) {
      files =
          s.filter(p -> p.toString().endsWith(".py") || p.toString().endsWith(".pyi"))
              .sorted()
              .toList();
    }
    assertThat(files).hasSizeGreaterThan(400);
    long reducedBytes = 0;
    long allBytes = 0;
    try (ReducedEquivalence check = new ReducedEquivalence()) {
      for (int i = 0; i < files.size(); i++) {
        Path f = files.get(i);
        byte[] src = CodeScanner.withoutBom(Files.readAllBytes(f));
        // One word set per file, in turn: both sets meet every kind of file, in half the time.
        Set<String> triggers = TRIGGERS.get(i % TRIGGERS.size());
        WordScan.Hits hits =
            ReducedSource.inCode(src, new WordScan(triggers, FOCUS).scan(src, false));
        check.assertEquivalent(f + " with " + triggers, src, hits);
        reducedBytes += ReducedSource.reduce(src, hits).text().length;
        allBytes += src.length;
      }
    }
    // Most of real code sits in bodies that hold no word: the reduction must find them.
    assertThat(reducedBytes).isLessThan(allBytes / 2);
  }
}

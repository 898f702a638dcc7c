package nautilus.autoupdate.impact;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import nautilus.autoupdate.Examples;
import nautilus.autoupdate.code.CodeScanner;
import nautilus.autoupdate.config.ConfigLoader;
import nautilus.autoupdate.notes.ChangeSelector;
import nautilus.autoupdate.notes.NotesParser;
import nautilus.autoupdate.release.ReleasesMdSource;
import nautilus.autoupdate.version.Version;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled demo end to end through the real notes parser, scanner and matcher: the report must
 * have the lines, and line severities, that examples/demo-strategy/EXPECTED.md lists.
 */
class ImpactAnalyzerDemoTest {
  static final Path EXAMPLES = Examples.DIR;
  static final Clock NOW = Clock.fixed(Instant.parse("2026-11-27T00:00:00Z"), ZoneOffset.UTC);

  @TempDir Path tmp;
  Path demo;

  @BeforeEach
  void copyTheDemo() throws Exception {
    demo = Examples.copyTo(tmp).resolve("demo-strategy");
  }

  ImpactReport analyze(Optional<Version> to) {
    var cfg = ConfigLoader.load(demo, Map.of(), Map.of()).config();
    var analyzer =
        new ImpactAnalyzer(
            new CodeScanner(2), new ImpactMatcher(), new ChangeSelector(new NotesParser()), NOW);
    var outcome =
        analyzer.analyze(
            new ImpactAnalyzer.Request(
                demo,
                cfg,
                new ReleasesMdSource(demo.resolve(cfg.releasesMd()).normalize()),
                Optional.empty(),
                to,
                Optional.empty()));
    assertThat(outcome.current()).isEqualTo(Version.parse("1.220.0"));
    return outcome.report().orElseThrow();
  }

  /** file -> "cell:line" -> severity, from the table under one heading of EXPECTED.md. */
  static Map<String, Map<String, Severity>> expected(String heading) throws Exception {
    Map<String, Map<String, Severity>> out = new TreeMap<>();
    boolean in = false;
    for (String l : Files.readAllLines(EXAMPLES.resolve("demo-strategy/EXPECTED.md"))) {
      if (l.startsWith("## ")) {
        in = l.startsWith("## " + heading);
      } else if (in && l.startsWith("| ") && !l.startsWith("| file") && !l.startsWith("| ---")) {
        String[] c = l.split("\\|");
        String cell = c[2].trim().isEmpty() ? "-" : c[2].trim();
        out.computeIfAbsent(c[1].trim(), k -> new TreeMap<>())
            .put(cell + ":" + c[3].trim(), Severity.valueOf(c[4].trim()));
      }
    }
    assertThat(out).as("rows under '## " + heading + "' in EXPECTED.md").isNotEmpty();
    return out;
  }

  /** The same shape from a report; a line takes the worst severity of its sites. */
  static Map<String, Map<String, Severity>> actual(ImpactReport r) {
    Map<String, Map<String, Severity>> out = new TreeMap<>();
    for (AffectedFile f : r.affectedFiles()) {
      Map<String, Severity> lines = out.computeIfAbsent(f.path(), k -> new TreeMap<>());
      Severity worstOfFile = Severity.LOW;
      for (Site s : f.sites()) {
        Severity sev = ImpactMatcher.severity(r.breakingChanges().get(s.change()), s.match());
        sev = sev == null ? Severity.LOW : sev;
        worstOfFile = Severity.worst(worstOfFile, sev);
        lines.merge((s.cell() == null ? "-" : s.cell()) + ":" + s.line(), sev, Severity::worst);
      }
      assertThat(f.severity()).as("severity of " + f.path()).isEqualTo(worstOfFile);
    }
    return out;
  }

  @Test
  void upgradeTo1221ReportsExactlyTheExpectedLines() throws Exception {
    ImpactReport r = analyze(Optional.of(Version.parse("1.221.0")));
    assertThat(actual(r)).isEqualTo(expected("1.221.0"));
    assertThat(r.totalAffectedLines()).isEqualTo(3);
    assertThat(r.actions()).isEmpty();
    assertThat(r.affectedFiles().stream().flatMap(f -> f.sites().stream()))
        .allSatisfy(s -> assertThat(s.certainty()).isEqualTo(Certainty.CERTAIN))
        .allSatisfy(s -> assertThat(s.fix()).startsWith("from nautilus_trader.analysis import "));
    // A year-old release, one CRITICAL break the fixer fixes at all 3 sites: 100 - 2.
    assertThat(r.confidenceScore()).isEqualTo(98);
    // 98 would merge at once, but this verdict had no API diff to check the notes against.
    assertThat(r.caps()).singleElement().asString().startsWith("delayed: no API diff");
    assertThat(r.recommendation()).isEqualTo(Recommendation.DELAYED);
    assertThat(r.unread()).isEmpty();
    assertThat(r.canAutoUpdate()).isTrue();
  }

  @Test
  void upgradeToTheLatestReleaseFindsEveryExpectedLineAndIsBlocked() throws Exception {
    ImpactReport r = analyze(Optional.empty());
    assertThat(r.version()).isEqualTo(Version.parse("1.230.0"));
    Map<String, Map<String, Severity>> got = actual(r);
    Map<String, Map<String, Severity>> want = expected("latest");
    want.forEach(
        (file, lines) ->
            lines.forEach(
                (line, sev) ->
                    assertThat(got.getOrDefault(file, Map.of()).get(line))
                        .as(file + " " + line)
                        .isEqualTo(sev)));
    // Look-alikes never show up.
    assertThat(got)
        .doesNotContainKeys(
            "demo/analysis/naming.py",
            "config/backtest.yaml",
            "demo/indicators/zscore.py",
            "tests/test_naming.py",
            "tests/test_performance.py");
    // Lines beyond EXPECTED.md are at most MEDIUM (a changed default or behavior the matcher could
    // not rule out); EXPECTED.md explains why they are not real breaks.
    got.forEach(
        (file, lines) ->
            lines.forEach(
                (line, sev) -> {
                  if (!want.getOrDefault(file, Map.of()).containsKey(line)) {
                    assertThat(sev)
                        .as("extra site " + file + " " + line)
                        .isIn(Severity.MEDIUM, Severity.LOW);
                  }
                }));
    assertThat(r.recommendation()).isEqualTo(Recommendation.BLOCKED);
    assertThat(r.canAutoUpdate()).isFalse();
    List<String> actions = r.actions().stream().map(Action::text).toList();
    assertThat(actions).anyMatch(a -> a.contains("Python 3.11"));
    assertThat(actions).anyMatch(a -> a.contains("order_book_deltas/"));
  }
}

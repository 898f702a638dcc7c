package nautilus.autoupdate.impact;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import nautilus.autoupdate.Json;
import nautilus.autoupdate.code.CodeBase;
import nautilus.autoupdate.code.CodeScanner;
import nautilus.autoupdate.notes.BreakingChange;
import org.junit.jupiter.api.Test;

/**
 * Scores the matcher on small downstream repos with hand-written expectations (affected files and
 * look-alikes), file- and site-level, and prints the figures.
 */
class ImpactAccuracyTest {
  private static final Path FIXTURES = Path.of("src/test/resources/impact");

  @Test
  void recallAndPrecisionOnFixtures() throws IOException {
    Set<String> expectedSites = new TreeSet<>();
    Set<String> foundSites = new TreeSet<>();
    Set<String> expectedFiles = new TreeSet<>();
    Set<String> foundFiles = new TreeSet<>();
    List<Path> fixtures;
    try (Stream<Path> s = Files.list(FIXTURES)) {
      fixtures = s.filter(p -> Files.isDirectory(p.resolve("repo"))).sorted().toList();
    }
    assertThat(fixtures).isNotEmpty();
    for (Path fixture : fixtures) {
      String name = fixture.getFileName().toString();
      List<BreakingChange> changes =
          Json.mapper()
              .readValue(
                  fixture.resolve("changes.json").toFile(),
                  new TypeReference<List<BreakingChange>>() {});
      JsonNode expected = Json.mapper().readTree(fixture.resolve("expected.json").toFile());
      // The focused scan `check` runs: only what the changes' words reach.
      CodeBase code =
          new CodeScanner()
              .scan(
                  fixture.resolve("repo"),
                  List.of("."),
                  "nautilus_trader",
                  null,
                  ImpactMatcher.interest(changes, "nautilus_trader"));
      ImpactMatcher.MatchResult result = new ImpactMatcher().match(changes, code);
      for (JsonNode s : expected.path("sites")) {
        String path = name + "/" + s.path("path").asText();
        Integer cell = s.path("cell").isMissingNode() ? null : s.path("cell").asInt();
        expectedFiles.add(path);
        expectedSites.add(siteKey(path, cell, s.path("line").asInt(), s.path("change").asInt()));
      }
      for (AffectedFile f : result.affectedFiles()) {
        String path = name + "/" + f.path();
        foundFiles.add(path);
        for (Site site : f.sites()) {
          foundSites.add(siteKey(path, site.cell(), site.line(), site.change()));
        }
      }
      List<String> actionTexts = new ArrayList<>();
      result.actions().forEach(a -> actionTexts.add(a.text()));
      for (JsonNode a : expected.path("actions")) {
        assertThat(actionTexts)
            .as(name + " actions")
            .anySatisfy(t -> assertThat(t).contains(a.asText()));
      }
      assertThat(result.actions()).hasSize(expected.path("actions").size());
    }
    Score files = Score.of(expectedFiles, foundFiles);
    Score sites = Score.of(expectedSites, foundSites);
    System.out.printf(
        "impact accuracy over %d fixtures: files recall %.3f precision %.3f (%d expected);"
            + " sites recall %.3f precision %.3f (%d expected)%n",
        fixtures.size(),
        files.recall(),
        files.precision(),
        expectedFiles.size(),
        sites.recall(),
        sites.precision(),
        expectedSites.size());
    System.out.println("missed sites: " + minus(expectedSites, foundSites));
    System.out.println("extra sites: " + minus(foundSites, expectedSites));
    assertThat(files.recall()).isGreaterThanOrEqualTo(0.95);
    assertThat(files.precision()).isGreaterThanOrEqualTo(0.95);
    assertThat(sites.recall()).isGreaterThanOrEqualTo(0.95);
    assertThat(sites.precision()).isGreaterThanOrEqualTo(0.95);
  }

  private static String siteKey(String path, Integer cell, int line, int change) {
    return path + (cell == null ? "" : "#" + cell) + ":" + line + " change " + change;
  }

  private static Set<String> minus(Set<String> a, Set<String> b) {
    Set<String> out = new TreeSet<>(a);
    out.removeAll(b);
    return out;
  }

  private record Score(double recall, double precision) {
    static Score of(Set<String> expected, Set<String> found) {
      long hit = found.stream().filter(expected::contains).count();
      return new Score(
          expected.isEmpty() ? 1.0 : (double) hit / expected.size(),
          found.isEmpty() ? 1.0 : (double) hit / found.size());
    }
  }
}

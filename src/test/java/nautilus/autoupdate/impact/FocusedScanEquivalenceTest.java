package nautilus.autoupdate.impact;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import nautilus.autoupdate.Examples;
import nautilus.autoupdate.Json;
import nautilus.autoupdate.code.CodeBase;
import nautilus.autoupdate.code.CodeScanner;
import nautilus.autoupdate.code.Interest;
import nautilus.autoupdate.notes.BreakingChange;
import nautilus.autoupdate.notes.ChangeSelector;
import nautilus.autoupdate.notes.NotesParser;
import nautilus.autoupdate.release.Release;
import nautilus.autoupdate.release.ReleasesMdSource;
import nautilus.autoupdate.version.ReleaseRange;
import org.junit.jupiter.api.Test;

/**
 * The focused scan `check` runs (only files and function bodies that the changes' words reach) must
 * find exactly what a scan of everything finds: same files, same sites, same fixes. Checked over
 * our fixture repos with every real release's changes from the bundled RELEASES.md, each alone and
 * all together.
 */
class FocusedScanEquivalenceTest {
  private static final String PKG = "nautilus_trader";

  private static List<Path> repos() throws Exception {
    List<Path> repos = new ArrayList<>();
    try (Stream<Path> s = Files.list(Path.of("src/test/resources/impact"))) {
      s.filter(p -> Files.isDirectory(p.resolve("repo")))
          .sorted()
          .forEach(p -> repos.add(p.resolve("repo")));
    }
    try (Stream<Path> s = Files.list(Path.of("src/test/resources/code"))) {
      s.filter(Files::isDirectory).sorted().forEach(repos::add);
    }
    repos.add(Examples.DIR.resolve("demo-strategy"));
    return repos;
  }

  private static void assertSame(Path repo, List<BreakingChange> changes, String what) {
    CodeScanner scanner = new CodeScanner(2);
    CodeBase all = scanner.scan(repo, List.of("."), PKG, null, Interest.ALL);
    CodeBase focused =
        scanner.scan(repo, List.of("."), PKG, null, ImpactMatcher.interest(changes, PKG));
    ImpactMatcher matcher = new ImpactMatcher();
    assertThat(matcher.match(changes, focused))
        .as(
            repo
                + " with "
                + what
                + " "
                + changes.stream().map(c -> c.kind() + ":" + c.old()).toList())
        .isEqualTo(matcher.match(changes, all));
  }

  @Test
  void fixtureChangesFindTheSameSitesFocusedAsInFull() throws Exception {
    for (String fixture : List.of("mixed", "shapes")) {
      Path dir = Path.of("src/test/resources/impact", fixture);
      List<BreakingChange> changes =
          Json.mapper()
              .readValue(
                  dir.resolve("changes.json").toFile(),
                  new TypeReference<List<BreakingChange>>() {});
      for (Path repo : repos()) {
        assertSame(repo, changes, fixture + " changes");
        for (int i = 0; i < changes.size(); i++) {
          assertSame(repo, List.of(changes.get(i)), fixture + " change " + i);
        }
      }
    }
  }

  @Test
  void everyReleasesChangesFindTheSameSitesFocusedAsInFull() throws Exception {
    List<Release> releases =
        new ReleasesMdSource(Examples.DIR.resolve("RELEASES.md"))
            .releases().stream()
                .filter(r -> !r.isUnreleased())
                .sorted((a, b) -> a.version().compareTo(b.version()))
                .toList();
    ChangeSelector selector = new ChangeSelector(new NotesParser());
    int compared = 0;
    for (int i = 1; i < releases.size(); i++) {
      List<BreakingChange> changes =
          selector.select(
              releases,
              new ReleaseRange(releases.get(i - 1).version(), releases.get(i).version()),
              false);
      if (changes.isEmpty()) {
        continue;
      }
      for (Path repo : repos()) {
        assertSame(repo, changes, releases.get(i).version() + " notes");
      }
      compared++;
    }
    assertThat(compared).isGreaterThan(50);
  }
}

package nautilus.autoupdate.impact;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import nautilus.autoupdate.CliRunner;
import nautilus.autoupdate.Examples;
import nautilus.autoupdate.code.CodeBase;
import nautilus.autoupdate.code.CodeScanner;
import nautilus.autoupdate.code.Interest;
import nautilus.autoupdate.notes.BreakingChange;
import nautilus.autoupdate.notes.ChangeKind;
import nautilus.autoupdate.notes.ChangeScope;
import nautilus.autoupdate.notes.NotesParser;
import nautilus.autoupdate.release.NoteItem;
import nautilus.autoupdate.release.ReleasesMdSource;
import nautilus.autoupdate.version.Version;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * A gated word ({@link Interest#gates}) spares the parse of files where the matcher could not match
 * it: the sites found are those of a scan of everything, on generated files and on the demo with
 * every note of the shared RELEASES.md, and fewer files are read.
 */
class GatedInterestTest {
  private static final String PKG = "nautilus_trader";
  private static final NotesParser PARSER = new NotesParser();

  private static BreakingChange finding(String old, String owner, ChangeKind kind) {
    List<String> none = new ArrayList<>();
    none.add(null);
    return new BreakingChange(
        Version.parse("1.221.0"),
        "`" + old + "` was removed",
        kind,
        ChangeScope.PYTHON,
        List.of(old),
        none,
        false,
        null,
        "api-diff",
        owner);
  }

  private static BreakingChange note(String line) {
    return PARSER.parseItem(Version.parse("1.221.0"), new NoteItem(line, null, 1), "releases-md");
  }

  /** The shapes the API diff and the notes give: members, a method's keyword, a module, a scope. */
  private static final List<BreakingChange> CHANGES =
      List.of(
          finding("LongRatio.precision", "nautilus_trader.analysis.LongRatio", ChangeKind.REMOVE),
          finding("Cache.instrument_ids", "nautilus_trader.cache.cache.Cache", ChangeKind.REMOVE),
          note("Removed `PolymarketQuotes.asset_id` property"),
          finding(
              "PolymarketQuotes.asset_id",
              "nautilus_trader.adapters.polymarket.schemas.book.PolymarketQuotes",
              ChangeKind.REMOVE),
          finding(
              "Actor.subscribe_bars.await_partial",
              "nautilus_trader.common.actor.Actor",
              ChangeKind.SIGNATURE),
          finding("nautilus_trader.analysis.statistics", null, ChangeKind.REMOVE),
          note(
              "Polymarket execution client no longer accepts market BUY orders unless"
                  + " `quote_quantity=True`"));

  @Test
  void eachShapeGetsTheGateTheMatcherImplies() {
    Interest interest = ImpactMatcher.interest(CHANGES, PKG);
    assertThat(interest.gates().get("precision")).containsExactly("LongRatio");
    // Reached through self.cache in an actor, and through Cache's subclasses by name.
    assertThat(interest.gates().get("instrument_ids")).contains("Cache", "cache");
    assertThat(interest.gates().get("await_partial"))
        .contains("Actor", "Strategy", "subscribe_bars");
    assertThat(interest.gates().get("statistics")).containsExactly("analysis");
    assertThat(interest.gates().get("quote_quantity"))
        .containsExactlyInAnyOrder("polymarket", "polymarket*");
    // A distinctive member is matched on values of unknown type: a note's x.asset_id needs no
    // gate, an API diff finding's is no site (Cache.instrument_ids).
    assertThat(interest.dotted()).containsExactly("asset_id");
    // A word another change wants anywhere (a bare name: any use ending in it) is not gated.
    Interest mixed =
        ImpactMatcher.interest(
            List.of(CHANGES.get(0), finding("precision", null, ChangeKind.REMOVE)), PKG);
    assertThat(mixed.words()).contains("precision");
    assertThat(mixed.gates()).doesNotContainKey("precision");
  }

  @Test
  void aFileThatCannotReachTheOwnerIsNotRead(@org.junit.jupiter.api.io.TempDir Path repo)
      throws Exception {
    Files.writeString(
        repo.resolve("local.py"),
        "import statistics\nimport nautilus_trader\n\n\ndef f(value):\n    precision = 2\n"
            + "    return value.precision, statistics.mean([precision]), f(quote_quantity=1)\n");
    Files.writeString(
        repo.resolve("owner.py"),
        "from nautilus_trader.analysis import LongRatio\n\n\ndef g():\n"
            + "    return LongRatio().precision\n");
    CodeScanner scanner = new CodeScanner(1);
    Interest gated = ImpactMatcher.interest(CHANGES, PKG);
    Interest ungated = Interest.of(gated.words(), gated.focusWords(), gated.keywordWords());
    assertThat(scanner.scan(repo, List.of("."), PKG, null, ungated).parsedFiles()).isEqualTo(2);
    assertThat(scanner.scan(repo, List.of("."), PKG, null, gated).parsedFiles()).isEqualTo(1);
    // Importing a module of our own may hand on the owner: then the file is read.
    Files.writeString(repo.resolve("owner_user.py"), "from owner import g\n\nx = y.precision\n");
    assertThat(scanner.scan(repo, List.of("."), PKG, null, gated).parsedFiles()).isEqualTo(2);
  }

  /** One generated file: imports, then a class whose method uses the words in several forms. */
  private static final List<String> IMPORTS =
      List.of(
          "from nautilus_trader.analysis import LongRatio",
          "from nautilus_trader.analysis.statistics.long_ratio import LongRatio as Ratio",
          "from nautilus_trader.trading.strategy import Strategy",
          "from nautilus_trader.cache.cache import Cache",
          "from nautilus_trader.analysis import statistics",
          "import statistics",
          "from own.base import Mine",
          "from .sibling import helper",
          "from nautilus_trader.adapters.polymarket import PolymarketExecClientConfig",
          "from nautilus_trader.adapters.polymarket.execution import PolymarketExecutionClient");

  private static final List<String> BASES =
      List.of("Strategy", "LongRatio", "Ratio", "Mine", "object", "PolymarketExecutionClient");

  private static final List<String> STATEMENTS =
      List.of(
          "x = value.precision",
          "precision = 2",
          "y = LongRatio().precision",
          "y = Ratio().precision",
          "y = Mine().precision",
          "y = self.precision",
          "ids = self.cache.instrument_ids()",
          "ids = Cache().instrument_ids()",
          "ids = other.instrument_ids()",
          "a = quote.asset_id",
          "asset_id = 1",
          "m = statistics.mean([1, 2])",
          "s = statistics.long_ratio",
          "self.subscribe_bars(bar_type, await_partial=True)",
          "other.subscribe_bars(bar_type, await_partial=True)",
          "await_partial = True",
          "c = PolymarketExecClientConfig(quote_quantity=True)",
          "d = dict(quote_quantity=True)",
          "self.submit(quote_quantity=True)");

  @Provide
  Arbitrary<List<String>> files() {
    Arbitrary<String> file =
        Arbitraries.of(IMPORTS)
            .list()
            .ofMaxSize(4)
            .uniqueElements()
            .flatMap(
                imports ->
                    Arbitraries.of(BASES)
                        .flatMap(
                            base ->
                                Arbitraries.of(STATEMENTS)
                                    .list()
                                    .ofMinSize(1)
                                    .ofMaxSize(4)
                                    .map(body -> source(imports, base, body))));
    return file.list().ofMinSize(1).ofMaxSize(5);
  }

  private static String source(List<String> imports, String base, List<String> body) {
    StringBuilder sb = new StringBuilder();
    imports.forEach(i -> sb.append(i).append('\n'));
    sb.append("\n\nclass Generated(")
        .append(base)
        .append("):\n    def run(self, value, quote, other, bar_type):\n");
    body.forEach(s -> sb.append("        ").append(s).append('\n'));
    return sb.toString();
  }

  @Property(tries = 60)
  void generatedFilesGetTheSitesOfAScanOfEverything(@ForAll("files") List<String> files)
      throws Exception {
    Path repo = Files.createTempDirectory("gated");
    try {
      Files.createDirectories(repo.resolve("own"));
      Files.writeString(repo.resolve("own/__init__.py"), "");
      Files.writeString(
          repo.resolve("own/base.py"),
          "from nautilus_trader.analysis import LongRatio\n\n\nclass Mine(LongRatio):\n    pass\n");
      Files.createDirectories(repo.resolve("app"));
      Files.writeString(repo.resolve("app/__init__.py"), "");
      Files.writeString(repo.resolve("app/sibling.py"), "from own.base import Mine as helper\n");
      for (int i = 0; i < files.size(); i++) {
        Files.writeString(repo.resolve("app/gen_" + i + ".py"), files.get(i));
      }
      assertSameSites(repo, CHANGES);
    } finally {
      try (Stream<Path> s = Files.walk(repo)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  void theDemoGetsTheSitesOfAScanOfEverythingForEveryRealNote(
      @org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    List<BreakingChange> real =
        new ReleasesMdSource(CliRunner.shared().resolve("data/nautilus/RELEASES.md"))
            .releases().stream().flatMap(r -> PARSER.parse(r).stream()).toList();
    assertThat(real).hasSizeGreaterThan(500);
    assertThat(ImpactMatcher.interest(real, PKG).gates()).isNotEmpty();
    Path demo = Examples.copyTo(tmp.resolve("demo")).resolve("demo-strategy");
    assertSameSites(demo, real);
    // Each release's notes alone, as a check of one upgrade reads them.
    Set<String> versions = new java.util.TreeSet<>();
    real.forEach(c -> versions.add(c.version().toString()));
    for (String v : versions) {
      assertSameSites(demo, real.stream().filter(c -> c.version().toString().equals(v)).toList());
    }
  }

  private static void assertSameSites(Path repo, List<BreakingChange> changes) {
    CodeScanner scanner = new CodeScanner(2);
    ImpactMatcher matcher = new ImpactMatcher();
    Interest gated = ImpactMatcher.interest(changes, PKG);
    CodeBase all = scanner.scan(repo, List.of("."), PKG, null, Interest.ALL);
    CodeBase focused = scanner.scan(repo, List.of("."), PKG, null, gated);
    Interest ungated = Interest.of(gated.words(), gated.focusWords(), gated.keywordWords());
    CodeBase wider = scanner.scan(repo, List.of("."), PKG, null, ungated);
    assertThat(focused.parsedFiles()).isLessThanOrEqualTo(wider.parsedFiles());
    ImpactMatcher.MatchResult want = matcher.match(changes, all);
    assertThat(merged(matcher.match(changes, focused), changes)).isEqualTo(merged(want, changes));
    assertThat(matcher.match(changes, wider)).isEqualTo(want);
  }

  /**
   * What ApiEvidence's merge can take of a match: every site of a note, the actions and review
   * items, and of an API diff finding its certain sites and those on a line a note's site holds (a
   * possible one only confirms that site).
   */
  private static List<Object> merged(ImpactMatcher.MatchResult r, List<BreakingChange> changes) {
    List<String> sites = new ArrayList<>();
    for (AffectedFile f : r.affectedFiles()) {
      Set<String> noteLines = new java.util.HashSet<>();
      for (Site s : f.sites()) {
        if (!"api-diff".equals(changes.get(s.change()).source())) {
          noteLines.add(s.cell() + ":" + s.line());
        }
      }
      for (Site s : f.sites()) {
        boolean diff = "api-diff".equals(changes.get(s.change()).source());
        if (!diff
            || s.certainty() == Certainty.CERTAIN
            || noteLines.contains(s.cell() + ":" + s.line())) {
          sites.add(f.path() + ":" + s);
        }
      }
    }
    return List.of(sites, r.actions(), r.reviews());
  }
}

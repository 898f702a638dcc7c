package nautilus.autoupdate.fix;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import nautilus.autoupdate.CliRunner;
import nautilus.autoupdate.GitRepos;
import nautilus.autoupdate.api.ApiDiffSource;
import nautilus.autoupdate.api.ApiModel;
import nautilus.autoupdate.api.DistContents;
import nautilus.autoupdate.api.SnapshotBuilder;
import nautilus.autoupdate.config.AutoUpdateConfig;
import nautilus.autoupdate.config.ConfigLoader;
import nautilus.autoupdate.impact.AffectedFile;
import nautilus.autoupdate.impact.Certainty;
import nautilus.autoupdate.impact.ImpactAnalyzer;
import nautilus.autoupdate.impact.ImpactReport;
import nautilus.autoupdate.impact.Site;
import nautilus.autoupdate.notes.BreakingChange;
import nautilus.autoupdate.release.ReleasesMdSource;
import nautilus.autoupdate.version.Version;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The notes-only path ({@code --offline}, no API model): the breaking changes are parsed from the
 * shared RELEASES.md itself, matched against a small downstream tree, and fixed with the fixer's
 * own proof. Nothing here is a hand-written change list.
 */
class NotesOnlyPathTest {
  static final Path RELEASES = CliRunner.shared().resolve("data/nautilus/RELEASES.md");
  static final Path TREE = Path.of("src/test/resources/notes-only/repo");
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-11T12:00:00Z"), ZoneOffset.UTC);

  @TempDir Path repo;

  @BeforeEach
  void copyTree() {
    GitRepos.copyTree(TREE, repo);
  }

  ImpactReport check(String from, String to) {
    AutoUpdateConfig cfg = ConfigLoader.load(repo, Map.of(), Map.of()).config();
    return ImpactAnalyzer.standard(CLOCK)
        .withoutParseCache()
        .analyze(
            new ImpactAnalyzer.Request(
                repo,
                cfg,
                new ReleasesMdSource(RELEASES),
                Optional.of(Version.parse(from)),
                Optional.of(Version.parse(to)),
                Optional.empty()))
        .report()
        .orElseThrow();
  }

  /** The sites of the change whose note contains {@code noteText}, as "path:line". */
  static List<String> sitesOf(ImpactReport r, String noteText) {
    return r.affectedFiles().stream()
        .flatMap(
            f ->
                f.sites().stream()
                    .filter(s -> change(r, s).text().contains(noteText))
                    .map(s -> f.path() + ":" + s.line()))
        .distinct()
        .toList();
  }

  static Site site(ImpactReport r, String path, int line, String noteText) {
    AffectedFile f =
        r.affectedFiles().stream().filter(x -> x.path().equals(path)).findFirst().orElseThrow();
    return f.sites().stream()
        .filter(s -> s.line() == line && change(r, s).text().contains(noteText))
        .findFirst()
        .orElseThrow();
  }

  static BreakingChange change(ImpactReport r, Site s) {
    return r.breakingChanges().get(s.change());
  }

  /** The small 1.220.0 tree beside the fixture, read by the real snapshot builder. */
  static ApiModel model(String version) {
    Path tree = Path.of("src/test/resources/notes-only/model-" + version);
    return ApiModel.of(
        new SnapshotBuilder("nautilus_trader")
            .build(version, DistContents.read(tree), List.of("test tree " + version)));
  }

  /** A model source that knows only the target's model (the fix proof asks for no other). */
  static ApiDiffSource models(ApiModel model) {
    return new ApiDiffSource() {
      @Override
      public Found diff(String packageName, Version from, Version to) {
        return Found.none("notes only");
      }

      @Override
      public Optional<ApiModel> model(String packageName, Version version) {
        return Optional.of(model).filter(m -> m.version().equals(version.toString()));
      }

      @Override
      public String noModel(String packageName, Version version) {
        return "no model of " + version;
      }
    };
  }

  String fixed(ImpactReport r, String path) {
    Proof proof =
        new ModelProof(models(model(r.version().toString())), "nautilus_trader", List.of("."));
    FixRun run = new FixEngine(proof).plan(repo, r);
    return run.changes().stream()
        .filter(c -> c.path().equals(path))
        .map(c -> new String(c.after(), StandardCharsets.UTF_8))
        .findFirst()
        .orElse(null);
  }

  static final String FLAT = "Changed indicator imports from nested modules to flat structure";

  @Test
  void theFlatteningWildcardReachesEverySubmoduleImportAndNoFlatOne() {
    ImpactReport r = check("1.219.0", "1.220.0");
    assertThat(r.breakingChanges().stream().filter(c -> c.text().startsWith(FLAT)))
        .singleElement()
        .satisfies(c -> assertThat(c.old()).containsExactly("nautilus_trader.indicators.*"));
    assertThat(sitesOf(r, FLAT))
        .as(describe(r))
        .containsExactlyInAnyOrder(
            "strategies/atr_breakout.py:3",
            "strategies/atr_breakout.py:4",
            "strategies/atr_breakout.py:7",
            "config/indicators.json:2");
    Site atr = site(r, "strategies/atr_breakout.py", 3, FLAT);
    assertThat(atr.certainty()).isEqualTo(Certainty.CERTAIN);
    assertThat(atr.fix()).isEqualTo("from nautilus_trader.indicators import AverageTrueRange");
    assertThat(site(r, "strategies/atr_breakout.py", 4, FLAT).fix())
        .isEqualTo("from nautilus_trader.indicators import ExponentialMovingAverage as Ema");
    assertThat(site(r, "config/indicators.json", 2, FLAT).fix())
        .isEqualTo("nautilus_trader.indicators:AverageTrueRange");
  }

  @Test
  void theFixerRewritesTheWildcardsImportsAndTheProofKeepsThem() throws Exception {
    ImpactReport r = check("1.219.0", "1.220.0");
    String after = fixed(r, "strategies/atr_breakout.py");
    // Both moved names join the flat import already there; the aliased module import follows.
    assertThat(after)
        .contains(
            "from nautilus_trader.indicators import RelativeStrengthIndex, AverageTrueRange,"
                + " ExponentialMovingAverage as Ema\n")
        .contains("import nautilus_trader.indicators as bb\n")
        .doesNotContain("indicators.atr")
        .doesNotContain("indicators.average")
        // The Indicator base class has its own note (moved to indicators.base): that one decides.
        .contains("from nautilus_trader.indicators.base import Indicator\n");
    assertThat(fixed(r, "config/indicators.json"))
        .contains("\"nautilus_trader.indicators:AverageTrueRange\"")
        .contains("\"nautilus_trader.indicators:RelativeStrengthIndex\"");
  }

  static final String REQUIRED = "Changed `start` parameter to required for `Actor` data request";

  @Test
  void aParameterThatBecameRequiredReachesOnlyCallsThatOmitIt() {
    ImpactReport r = check("1.219.0", "1.220.0");
    BreakingChange c =
        r.breakingChanges().stream()
            .filter(x -> x.text().startsWith(REQUIRED))
            .findFirst()
            .orElseThrow();
    assertThat(nautilus.autoupdate.notes.RequiredParameter.of(c))
        .contains(new nautilus.autoupdate.notes.RequiredParameter("Actor", "request_*", "start"));
    // Line 17 leaves `start` out; 18 passes it by keyword, 19 by position; base.py passes it;
    // child.py's class derives from ours, which derives from Strategy.
    assertThat(sitesOf(r, REQUIRED))
        .as(describe(r))
        .containsExactlyInAnyOrder("strategies/atr_breakout.py:17", "strategies/child.py:6");
    Site s = site(r, "strategies/atr_breakout.py", 17, REQUIRED);
    assertThat(s.match().id()).isEqualTo("call");
    // "data request methods" is read from prose: the methods are a guess, so possible.
    assertThat(s.certainty()).isEqualTo(Certainty.POSSIBLE);
    assertThat(s.fix()).isNull();
  }

  static final String POLYMARKET = "Changed Polymarket instrument provider config";

  @Test
  void aPolymarketNoteReachesOnlyPolymarketCode() {
    ImpactReport r = check("1.222.0", "1.223.0");
    BreakingChange c =
        r.breakingChanges().stream()
            .filter(x -> x.text().startsWith(POLYMARKET))
            .findFirst()
            .orElseThrow();
    assertThat(c.old()).contains("InstrumentProviderConfig");
    assertThat(nautilus.autoupdate.notes.OwnerScope.of(c))
        .extracting(nautilus.autoupdate.notes.OwnerScope.Adapter::module)
        .containsExactly("polymarket");
    // The keyword on the Polymarket config, and the generic class passed to it (possible: the note
    // speaks of Polymarket's configs only); no import, no Binance or Bybit config.
    assertThat(sitesOf(r, POLYMARKET))
        .as(describe(r))
        .containsExactlyInAnyOrder("config/polymarket.py:5");
    assertThat(
            r.affectedFiles().stream()
                .filter(f -> f.path().equals("config/polymarket.py"))
                .flatMap(f -> f.sites().stream())
                .filter(s -> change(r, s) == c)
                .map(s -> s.match().id() + " " + s.certainty().id() + " " + s.fix())
                .toList())
        .containsExactlyInAnyOrder(
            "kwarg certain instrument_config", "call possible PolymarketInstrumentProviderConfig");
    assertThat(r.affectedFiles()).noneMatch(f -> f.path().equals("config/binance.py"));
  }

  static List<String> reviewed(ImpactReport r, String noteText) {
    return r.reviews().stream()
        .filter(v -> r.breakingChanges().get(v.change()).text().contains(noteText))
        .flatMap(v -> v.uses().stream().map(u -> v.name() + " " + u.path() + ":" + u.line()))
        .toList();
  }

  @Test
  void behaviorNotesAreReviewItemsWhereWeUseExactlyWhatTheyNameNeverSites() throws Exception {
    String precision = "arithmetic to use max precision";
    ImpactReport r = check("1.222.0", "1.223.0");
    assertThat(
            r.breakingChanges().stream()
                .filter(c -> c.text().contains(precision))
                .map(c -> c.kind().review()))
        .containsExactly(true);
    // Where the code names Price itself (the constructor, the class a sum starts from); not the
    // import.
    assertThat(reviewed(r, precision))
        .containsExactly("Price strategies/sizing.py:10", "Price strategies/sizing.py:11");
    assertThat(sitesOf(r, precision)).isEmpty();

    String netting = "with a custom `position_id` under `NETTING`";
    ImpactReport later = check("1.226.0", "1.227.0");
    // Only the call that passes a position_id is what the note is about.
    assertThat(reviewed(later, netting)).containsExactly("submit_order strategies/sizing.py:15");
    assertThat(sitesOf(later, netting)).isEmpty();
    // All three renderers show the review items apart; the JSON keeps the schema.
    assertThat(new nautilus.autoupdate.report.TextReport(false).render(later))
        .contains("To review (behavior, type and deprecation notes, not breaks):")
        .contains("strategies/sizing.py:15  self.submit_order(order, position_id=pid)");
    assertThat(new nautilus.autoupdate.report.MarkdownReport().render(later))
        .contains("### To review")
        .contains("`strategies/sizing.py:15`: `self.submit_order(order, position_id=pid)`");
    com.fasterxml.jackson.databind.JsonNode json =
        nautilus.autoupdate.Json.mapper()
            .readTree(new nautilus.autoupdate.report.JsonReport().render(later));
    com.fasterxml.jackson.databind.JsonNode schema =
        nautilus.autoupdate.Json.mapper()
            .readTree(java.nio.file.Files.readString(Path.of("docs/impact-report.schema.json")));
    assertThat(new nautilus.autoupdate.report.JsonSchemaCheck(schema).violations(json)).isEmpty();
    assertThat(json.at("/reviews/0/uses/0/line").asInt()).isEqualTo(15);

    // A Hyperliquid note about InstrumentId does not reach a Binance instrument id of ours.
    ImpactReport hip4 = check("1.227.0", "1.228.0");
    assertThat(reviewed(hip4, "Hyperliquid HIP-4 outcome `InstrumentId`")).isEmpty();
    assertThat(sitesOf(hip4, "Hyperliquid HIP-4 outcome `InstrumentId`")).isEmpty();
  }

  static String describe(ImpactReport r) {
    return r.affectedFiles().stream()
        .flatMap(
            f ->
                f.sites().stream()
                    .map(
                        s ->
                            f.path()
                                + ":"
                                + s.line()
                                + " "
                                + s.match().id()
                                + " "
                                + s.certainty().id()
                                + " "
                                + change(r, s).text()))
        .collect(Collectors.joining("\n"));
  }
}

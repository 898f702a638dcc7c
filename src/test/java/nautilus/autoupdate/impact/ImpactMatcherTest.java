package nautilus.autoupdate.impact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import nautilus.autoupdate.UserError;
import nautilus.autoupdate.code.CodeScanner;
import nautilus.autoupdate.notes.BreakingChange;
import nautilus.autoupdate.notes.ChangeKind;
import nautilus.autoupdate.notes.ChangeScope;
import nautilus.autoupdate.version.Version;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImpactMatcherTest {
  @TempDir Path repo;

  private static BreakingChange change(
      ChangeKind kind, ChangeScope scope, String text, List<String> old, String... replacements) {
    return new BreakingChange(
        Version.parse("1.220.0"),
        text,
        kind,
        scope,
        old,
        Arrays.asList(replacements),
        false,
        null,
        "releases-md");
  }

  private ImpactMatcher.MatchResult match(BreakingChange... changes) {
    return new ImpactMatcher()
        .match(
            List.of(changes), new CodeScanner().scan(repo, List.of("."), "nautilus_trader", null));
  }

  private void write(String rel, String text) throws IOException {
    Path p = repo.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  @Test
  void bareIdentifierIsOnlyPossibleWhileAnOwnedOneIsCertain() throws IOException {
    write(
        "a.py",
        "from nautilus_trader.adapters.binance import BinanceAccountType\n"
            + "kind = BinanceAccountType.USDT_FUTURE\n");
    var bare =
        change(ChangeKind.RENAME, ChangeScope.PYTHON, "t", List.of("USDT_FUTURE"), "USDT_FUTURES");
    var owned =
        change(
            ChangeKind.RENAME,
            ChangeScope.BOTH,
            "t",
            List.of("BinanceAccountType.USDT_FUTURE", "BinanceAccountType::UsdtFuture"),
            "BinanceAccountType.USDT_FUTURES",
            null);
    List<Site> sites = match(bare, owned).affectedFiles().get(0).sites();
    assertThat(sites).hasSize(2);
    assertThat(sites.get(0).certainty()).isEqualTo(Certainty.POSSIBLE);
    assertThat(sites.get(1).certainty()).isEqualTo(Certainty.CERTAIN);
    assertThat(sites).allSatisfy(s -> assertThat(s.fix()).isEqualTo("USDT_FUTURES"));
    assertThat(sites.get(1).column()).isEqualTo(27);
  }

  @Test
  void aNoteNamingAParameterReachesTheKeywordNeverAnAttributeOfTheSameName() throws IOException {
    write(
        "u.py",
        "from nautilus_trader.core.uuid import UUID4\n"
            + "a = UUID4().value\n"
            + "b = UUID4(value=\"6b0e3a9c-1f7f-4c6e-9d7e-7e1f0a7e3b1c\")\n");
    // The 1.210.0 line, parsed from the shared RELEASES.md.
    BreakingChange note = notesOf("1.210.0", "Removed optional `value` param from `UUID4`").get(0);
    assertThat(note.old()).containsExactly("UUID4.value");
    List<Site> sites = match(note).affectedFiles().get(0).sites();
    assertThat(sites)
        .extracting(Site::line, Site::match)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(3, MatchKind.KWARG));
  }

  private static List<BreakingChange> notesOf(String version, String... prefixes) {
    return new nautilus.autoupdate.release.ReleasesMdSource(
            nautilus.autoupdate.CliRunner.shared().resolve("data/nautilus/RELEASES.md"))
        .releases().stream()
            .filter(r -> r.version().toString().equals(version))
            .flatMap(r -> new nautilus.autoupdate.notes.NotesParser().parse(r).stream())
            .filter(c -> Arrays.stream(prefixes).anyMatch(c.text()::startsWith))
            .toList();
  }

  @Test
  void aNoteOfATypeOnlyIsAReviewAtUsesOfItsOwnersMemberWhileARenameStaysABreak()
      throws IOException {
    write(
        "acct.py",
        "from nautilus_trader.config import DatabaseConfig\n"
            + "from nautilus_trader.model.objects import MarginBalance\n"
            + "from nautilus_trader.core import nautilus_pyo3\n"
            + "def make(i, m, iid):\n"
            + "    return MarginBalance(initial=i, maintenance=m, instrument_id=iid)\n"
            + "def key(b: MarginBalance):\n"
            + "    return b.instrument_id.value\n"
            + "def other(order):\n"
            + "    return order.instrument_id\n"
            + "rate = nautilus_pyo3.get_exchange_rate('USD', 'EUR')\n"
            + "db = DatabaseConfig(timeout=5)\n");
    // 1.226.0 "Changed `MarginBalance.instrument_id` to optional; ..." and "Renamed Python
    // `DatabaseConfig.timeout` to `connection_timeout` ...", 1.228.0 "Changed
    // `nautilus_pyo3.get_exchange_rate` to return `decimal.Decimal` instead of `float`".
    List<BreakingChange> notes = new java.util.ArrayList<>();
    notes.addAll(notesOf("1.226.0", "Changed `MarginBalance.instrument_id`", "Renamed Python"));
    notes.addAll(notesOf("1.228.0", "Changed `nautilus_pyo3.get_exchange_rate`"));
    assertThat(notes).hasSize(3);
    var result = match(notes.toArray(BreakingChange[]::new));
    // Only the rename's keyword is a site: the type notes break no use the notes can prove.
    assertThat(result.affectedFiles()).singleElement();
    assertThat(result.affectedFiles().get(0).sites())
        .extracting(s -> notes.get(s.change()).text().substring(0, 7), Site::line)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("Renamed", 11));
    // The owner's keyword, the attribute of a value typed MarginBalance and the function's call
    // are for review; an attribute of a value of unknown class (line 9) is no use of the owner's.
    assertThat(result.reviews()).extracting(Review::why).containsOnly(ImpactMatcher.TYPE_ONLY_WHY);
    assertThat(
            result.reviews().stream()
                .flatMap(v -> v.uses().stream().map(u -> v.name() + ":" + u.line()))
                .toList())
        .containsExactlyInAnyOrder(
            "MarginBalance.instrument_id:5",
            "MarginBalance.instrument_id:7",
            "nautilus_pyo3.get_exchange_rate:10");
  }

  @Test
  void aParameterThatBecameOptionalIsAReviewAtItsCallsNeverABreak() throws IOException {
    write(
        "s.py",
        "from nautilus_trader.trading.strategy import Strategy\n"
            + "class S(Strategy):\n"
            + "    def on_start(self):\n"
            + "        self.subscribe_data(self.data_type, self.client_id)\n"
            + "        self.unsubscribe_data(self.data_type)\n");
    // The two 1.136.0 lines "Changed `subscribe_data(...)` method (`client_id` now optional)": an
    // argument that may now be left out breaks no call that passes it.
    List<BreakingChange> notes =
        notesOf("1.136.0", "Changed `subscribe_data", "Changed `unsubscribe_data");
    assertThat(notes).hasSize(2).allMatch(n -> n.kind() == ChangeKind.SIGNATURE);
    var result = match(notes.toArray(BreakingChange[]::new));
    assertThat(result.affectedFiles()).isEmpty();
    assertThat(result.reviews().stream().flatMap(v -> v.uses().stream()).map(Review.Use::line))
        .containsExactlyInAnyOrder(4, 5);
  }

  @Test
  void aNoteAboutAModuleReachesPathsThroughItNeverKeywordsOrAttributesOfItsName()
      throws IOException {
    write(
        "s.py",
        "from nautilus_trader.common.clock import LiveClock\n"
            + "from nautilus_trader.config import LoggingConfig, TradingNodeConfig\n"
            + "from nautilus_trader.trading.strategy import Strategy\n"
            + "import nautilus_trader.common.logging as nlog\n"
            + "cfg = TradingNodeConfig(logging=LoggingConfig())\n"
            + "class S(Strategy):\n"
            + "    def on_start(self):\n"
            + "        self.clock.utc_now()\n");
    // The two 1.185.0 lines, parsed from the shared RELEASES.md: "Consolidated `clock` module into
    // `component` module", and the same for `logging`.
    List<BreakingChange> notes =
        notesOf("1.185.0", "Consolidated `clock`", "Consolidated `logging`");
    assertThat(notes).hasSize(2);
    List<Site> sites = match(notes.toArray(BreakingChange[]::new)).affectedFiles().get(0).sites();
    assertThat(sites)
        .extracting(Site::line, Site::match, Site::certainty)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, MatchKind.IMPORT, Certainty.CERTAIN),
            org.assertj.core.groups.Tuple.tuple(4, MatchKind.IMPORT, Certainty.CERTAIN));
    assertThat(sites.get(0).fix()).contains("nautilus_trader.common.component import LiveClock");
  }

  @Test
  void submodulesFoldedIntoTheirModuleReachOnlyImportsFromTheSubmodules() throws IOException {
    write(
        "d.py",
        "from nautilus_trader.model.data import Bar\n"
            + "from nautilus_trader.model.data.tick import QuoteTick\n");
    // 1.181.0: "Consolidated all `data` submodules into one `data` module".
    List<BreakingChange> notes = notesOf("1.181.0", "Consolidated all `data` submodules");
    assertThat(notes).hasSize(1);
    List<Site> sites = match(notes.get(0)).affectedFiles().get(0).sites();
    assertThat(sites).extracting(Site::line).containsExactly(2);
    assertThat(sites.get(0).fix()).contains("from nautilus_trader.model.data import QuoteTick");
  }

  @Test
  void aNoteAboutPyO3ClassesLeavesTheirCythonNamesakesAlone() throws IOException {
    write(
        "i.py",
        "from nautilus_trader.core import nautilus_pyo3\n"
            + "from nautilus_trader.model.instruments import CurrencyPair\n"
            + "from nautilus_trader.trading.strategy import Strategy\n"
            + "a = nautilus_pyo3.CurrencyPair(id=iid)\n"
            + "b = CurrencyPair(instrument_id=iid)\n"
            + "class S(Strategy):\n"
            + "    def on_start(self):\n"
            + "        print(self.id, b.id)\n");
    // 1.217.0: "Renamed `id` constructor parameter to `instrument_id` across all PyO3 instruments,
    // aligning with equivalent Cython instrument constructors".
    List<BreakingChange> notes = notesOf("1.217.0", "Renamed `id` constructor parameter");
    assertThat(notes).hasSize(1);
    assertThat(nautilus.autoupdate.notes.OwnerScope.of(notes.get(0)))
        .containsExactly(nautilus.autoupdate.notes.OwnerScope.PYO3);
    List<Site> sites = match(notes.get(0)).affectedFiles().get(0).sites();
    assertThat(sites)
        .extracting(Site::line, Site::match)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(4, MatchKind.KWARG));
  }

  @Test
  void aNoteRemovingAPartOfACalculationIsForReviewNotABreakOfTheNamedEnum() throws IOException {
    write(
        "m.py",
        "from nautilus_trader.model.enums import AccountType\n" + "kind = AccountType.MARGIN\n");
    // 1.217.0: "Removed fees from margin calculations for `MARGIN` accounts".
    List<BreakingChange> notes = notesOf("1.217.0", "Removed fees from margin calculations");
    assertThat(notes).hasSize(1);
    ImpactMatcher.MatchResult result = match(notes.get(0));
    assertThat(result.affectedFiles()).isEmpty();
    assertThat(result.reviews()).hasSize(1);
  }

  @Test
  void aNoteNamingAPropertyReachesTheAttributeNeverTheConstructorsKeyword() throws IOException {
    write(
        "d.py",
        "from nautilus_trader.adapters.databento import DatabentoLiveClient\n"
            + "c = DatabentoLiveClient(key=\"k\")\n"
            + "k = c.key\n"
            + "DatabentoLiveClient.key\n");
    var note =
        change(
            ChangeKind.REMOVE,
            ChangeScope.PYTHON,
            "Removed `DatabentoLiveClient.key` property (Python)",
            List.of("DatabentoLiveClient.key"));
    var found = match(note).affectedFiles();
    assertThat(found).singleElement();
    // c.key reads the property on a value the constructor typed; key= at line 2 is no use of it.
    assertThat(found.get(0).sites()).extracting(Site::line).containsExactly(3, 4);
  }

  @Test
  void severityFollowsWhereTheCodeBreaksAndFilesTakeTheWorst() throws IOException {
    write(
        "b.py",
        "from nautilus_trader.backtest.models import FillModel\n"
            + "from nautilus_trader.analysis.statistics.win_rate import WinRate\n"
            + "m = FillModel(prob_fill_on_stop=0.1)\n");
    write("c.py", "from nautilus_trader.backtest.models import FillModel\nFillModel()\n");
    var removed =
        change(
            ChangeKind.REMOVE,
            ChangeScope.PYTHON,
            "Removed statistics",
            List.of("nautilus_trader.analysis.statistics"),
            "nautilus_trader.analysis");
    var kwarg =
        change(
            ChangeKind.SIGNATURE,
            ChangeScope.PYTHON,
            "Removed param",
            List.of("FillModel.prob_fill_on_stop"));
    var deprecated =
        change(
            ChangeKind.BEHAVIOR, ChangeScope.PYTHON, "Deprecated FillModel", List.of("FillModel"));
    var result = match(removed, kwarg, deprecated);
    assertThat(result.affectedFiles())
        .extracting(AffectedFile::path)
        .containsExactly("b.py", "c.py");
    AffectedFile b = result.affectedFiles().get(0);
    assertThat(b.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(b.sites()).extracting(Site::line).containsExactly(2, 3, 3);
    assertThat(b.sites().get(0).fix()).isEqualTo("from nautilus_trader.analysis import WinRate");
    assertThat(b.sites().get(1).match()).isEqualTo(MatchKind.CALL);
    assertThat(b.sites().get(2).match()).isEqualTo(MatchKind.KWARG);
    // Importing a class whose behavior changed is fine; calling it relies on the change.
    AffectedFile c = result.affectedFiles().get(1);
    assertThat(c.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(c.sites()).extracting(Site::line).containsExactly(2);
  }

  @Test
  void rustOnlyChangesHaveNoSitesAndDataChangesBecomeActions() throws IOException {
    write("d.py", "from nautilus_trader.model.book import OrderBook\nOrderBook.count\n");
    var rust =
        change(
            ChangeKind.RENAME,
            ChangeScope.RUST,
            "(Rust)",
            List.of("OrderBook.count"),
            "OrderBook.update_count");
    var data =
        change(
            ChangeKind.DATA_FORMAT, ChangeScope.DATA, "Changed `Bar` Arrow schema", List.of("Bar"));
    var result = match(rust, data);
    assertThat(result.affectedFiles()).isEmpty();
    assertThat(result.actions())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.change()).isEqualTo(1);
              assertThat(a.text()).contains("Changed `Bar` Arrow schema");
            });
  }

  @Test
  void droppedPythonIsAnActionOnlyWhenRequiresPythonStillAllowsIt() throws IOException {
    var dropped =
        change(
            ChangeKind.PLATFORM, ChangeScope.PYTHON, "Dropped support for Python 3.11", List.of());
    write("pyproject.toml", "[project]\nname = \"x\"\nrequires-python = \">=3.12\"\n");
    assertThat(match(dropped).actions()).isEmpty();
    write("pyproject.toml", "[project]\nname = \"x\"\nrequires-python = \">=3.11,<3.14\"\n");
    assertThat(match(dropped).actions())
        .extracting(Action::text)
        .containsExactly("Python 3.11 no longer supported: your requires-python says >=3.11,<3.14");
    write("pyproject.toml", "[project\nname = \n");
    assertThatThrownBy(() -> match(dropped))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("pyproject.toml:1");
  }

  @Test
  void unknownOwnersAndConfigKeysArePossibleSites() throws IOException {
    write(
        "e.py",
        "from nautilus_trader.trading.strategy import Strategy\n"
            + "def go(catalog, book):\n"
            + "    catalog.reset_catalog_file_names()\n"
            + "    catalog.write_data([], basename_template='x')\n");
    write("conf.yaml", "config_path: \"nautilus_trader.config:OtherConfig\"\nbar_updates: true\n");
    var renamed =
        change(
            ChangeKind.RENAME,
            ChangeScope.PYTHON,
            "t",
            List.of("ParquetDataCatalog.reset_catalog_file_names"),
            "ParquetDataCatalog.reset_all_file_names");
    var kwarg =
        change(
            ChangeKind.SIGNATURE,
            ChangeScope.PYTHON,
            "t",
            List.of("ParquetDataCatalog.write_data.basename_template"));
    var field =
        change(ChangeKind.MOVE, ChangeScope.PYTHON, "t", List.of("PortfolioConfig.bar_updates"));
    var result = match(renamed, kwarg, field);
    assertThat(result.affectedFiles())
        .extracting(AffectedFile::path)
        .containsExactly("conf.yaml", "e.py");
    assertThat(result.affectedFiles())
        .flatExtracting(AffectedFile::sites)
        .extracting(Site::certainty)
        .containsOnly(Certainty.POSSIBLE);
    assertThat(result.affectedFiles().get(1).sites()).extracting(Site::line).containsExactly(3, 4);
  }

  @Test
  void aPlainWordKeyOfAnyDictIsNoConfigFieldSite() throws IOException {
    write(
        "db.py",
        "from nautilus_trader.config import CacheConfig\n"
            // An upstream path string keeps the file's dict keys as possible config fields.
            + "FACTORY = \"nautilus_trader.adapters.binance:BinanceLiveDataClientFactory\"\n"
            + "def pg():\n"
            + "    return {\"host\": \"localhost\", \"database\": \"postgres\"}\n");
    // The real line: "Removed `CacheConfig.database` and `MessageBusConfig.backing`; pass adapters
    // separately", parsed from the shared RELEASES.md.
    List<BreakingChange> notes = notesOf("1.229.0", "Removed `CacheConfig.database`");
    assertThat(notes).hasSize(1);
    assertThat(notes.get(0).old()).contains("CacheConfig.database");
    assertThat(match(notes.get(0)).affectedFiles()).isEmpty();
  }
}

package nautilus.autoupdate.notes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import nautilus.autoupdate.release.NoteItem;
import nautilus.autoupdate.release.NotesSection;
import nautilus.autoupdate.release.Release;
import nautilus.autoupdate.version.Version;
import org.junit.jupiter.api.Test;

/** NautilusTrader's phrasing, one rule per test, on lines written like the real notes. */
class NotesParserTest {
  private static final Version V = Version.parse("1.222.0");
  private final NotesParser parser = new NotesParser();

  private BreakingChange parse(String text) {
    return parser.parseItem(V, new NoteItem(text, null, 3), "releases-md");
  }

  private static List<String> list(String... ids) {
    return Arrays.asList(ids);
  }

  @Test
  void renamedCarriesTheOwnerToTheNewName() {
    BreakingChange c = parse("Renamed `ExecTesterConfig.enable_buys` to `enable_limit_buys`");
    assertThat(c.kind()).isEqualTo(ChangeKind.RENAME);
    assertThat(c.scope()).isEqualTo(ChangeScope.PYTHON);
    assertThat(c.old()).containsExactly("ExecTesterConfig.enable_buys");
    assertThat(c.replacements()).containsExactly("ExecTesterConfig.enable_limit_buys");
    assertThat(c.autoFixable()).isTrue();
    assertThat(parse("Renamed `MessageBusConfig.stream` to `.streams_prefix`").replacements())
        .containsExactly("MessageBusConfig.streams_prefix");
  }

  @Test
  void renamedListsPairUpRespectively() {
    BreakingChange c =
        parse(
            "Renamed `Actor.subscribe_order_book_snapshots` and `unsubscribe_order_book_snapshots`"
                + " to `subscribe_order_book_at_interval` and `unsubscribe_order_book_at_interval`"
                + " respectively");
    assertThat(c.old())
        .containsExactly(
            "Actor.subscribe_order_book_snapshots", "Actor.unsubscribe_order_book_snapshots");
    assertThat(c.replacements())
        .containsExactly(
            "Actor.subscribe_order_book_at_interval", "Actor.unsubscribe_order_book_at_interval");
  }

  @Test
  void anOwnerNamedBeforeAParameterOwnsIt() {
    BreakingChange c = parse("Renamed `Logger` `component_name` parameter to `name`");
    assertThat(c.old()).containsExactly("Logger.component_name");
    assertThat(c.replacements()).containsExactly("Logger.name");
    BreakingChange config =
        parse(
            "Renamed `time_bars_origins` config param to `time_bars_origin_offset` in"
                + " `DataEngineConfig`/`LiveDataEngineConfig` (Rust)");
    assertThat(config.old())
        .containsExactly(
            "DataEngineConfig.time_bars_origins", "LiveDataEngineConfig.time_bars_origins");
    assertThat(config.scope()).isEqualTo(ChangeScope.RUST);
  }

  @Test
  void movedFromModuleToModuleUsesFullModulePaths() {
    BreakingChange c = parse("Moved `OrderBook` from `model.orderbook.book` to `model.book`");
    assertThat(c.kind()).isEqualTo(ChangeKind.MOVE);
    assertThat(c.old()).containsExactly("nautilus_trader.model.orderbook.book.OrderBook");
    assertThat(c.replacements()).containsExactly("nautilus_trader.model.book.OrderBook");
    assertThat(c.autoFixable()).isTrue();
    BreakingChange option =
        parse("Moved `snapshot_orders` config option to `ExecEngineConfig` (for all contexts)");
    assertThat(option.replacements()).containsExactly("ExecEngineConfig.snapshot_orders");
    BreakingChange owner =
        parse(
            "Moved `filter_unclaimed_external_orders` from `ExecEngineConfig` to"
                + " `LiveExecEngineConfig`");
    assertThat(owner.old()).containsExactly("ExecEngineConfig.filter_unclaimed_external_orders");
  }

  @Test
  void consolidatedModulesAreRelativeToThePackage() {
    BreakingChange c =
        parse("Consolidated `backtest.exchange` into `backtest.engine` to reduce size");
    assertThat(c.kind()).isEqualTo(ChangeKind.MOVE);
    assertThat(c.old()).containsExactly("nautilus_trader.backtest.exchange");
    assertThat(c.replacements()).containsExactly("nautilus_trader.backtest.engine");
  }

  @Test
  void anImportExampleBecomesAModuleRule() {
    BreakingChange c =
        parse(
            "Changed indicator imports from nested modules to flat structure (e.g., `from"
                + " nautilus_trader.indicators.atr import AverageTrueRange` becomes `from"
                + " nautilus_trader.indicators import AverageTrueRange`)");
    assertThat(c.kind()).isEqualTo(ChangeKind.MOVE);
    assertThat(c.old()).containsExactly("nautilus_trader.indicators.*");
    assertThat(c.replacements()).containsExactly("nautilus_trader.indicators");
    assertThat(c.autoFixable()).isTrue();
  }

  @Test
  void removedWithAReplacementNamesIt() {
    BreakingChange c =
        parse("Removed `BacktestEngine.add_generic_data()` as redundant with `.add_data()`");
    assertThat(c.kind()).isEqualTo(ChangeKind.REMOVE);
    assertThat(c.old()).containsExactly("BacktestEngine.add_generic_data");
    assertThat(c.replacements()).containsExactly("BacktestEngine.add_data");
    assertThat(c.autoFixable()).isFalse();
    BreakingChange use =
        parse(
            "Removed live engine `graceful_shutdown_on_error`; use node-level"
                + " `shutdown_on_error` instead");
    assertThat(use.replacements()).containsExactly("shutdown_on_error");
  }

  @Test
  void removedParametersAreSignatureChangesOfTheirOwners() {
    BreakingChange c =
        parse("Removed `prob_fill_on_stop` parameter from `FillModel` and `FillModelConfig`");
    assertThat(c.kind()).isEqualTo(ChangeKind.SIGNATURE);
    assertThat(c.old())
        .containsExactly("FillModel.prob_fill_on_stop", "FillModelConfig.prob_fill_on_stop");
    BreakingChange added = parse("Added `flags` parameter to `OrderBook.update`");
    assertThat(added.kind()).isEqualTo(ChangeKind.SIGNATURE);
    assertThat(added.old()).containsExactly("OrderBook.update");
  }

  @Test
  void propertyToMethodIsASignatureChange() {
    BreakingChange c =
        parse("Changed `TradingNode.is_built` from a property to a method `.is_built()`");
    assertThat(c.kind()).isEqualTo(ChangeKind.SIGNATURE);
    assertThat(c.old()).containsExactly("TradingNode.is_built");
  }

  @Test
  void rustMarksAndPathsMeanRustScope() {
    BreakingChange c =
        parse(
            "Changed `OrderList::validate` to return `OrderListValidationError` instead of"
                + " `anyhow::Error` (Rust)");
    assertThat(c.kind()).isEqualTo(ChangeKind.TYPE);
    assertThat(c.scope()).isEqualTo(ChangeScope.RUST);
    assertThat(c.old()).containsExactly("OrderList::validate");
    assertThat(parse("Changed `Cache::take_account` to panic on alias").scope())
        .isEqualTo(ChangeScope.RUST);
    assertThat(parse("Replaced `a` with `b` on `X` (Rust and Python)").scope())
        .isEqualTo(ChangeScope.BOTH);
  }

  @Test
  void listsOfOwnersAndMembersCombine() {
    BreakingChange c =
        parse(
            "Changed PyO3 `DataActor`/`Strategy` historical request `start`/`end` to require"
                + " UTC datetimes");
    assertThat(c.old())
        .containsExactly("DataActor.start", "DataActor.end", "Strategy.start", "Strategy.end");
    assertThat(
            parse("Changed `Cache::position`, `position_for_order`, `positions_*` to return refs")
                .old())
        .containsExactly("Cache::position", "Cache::position_for_order", "Cache::positions_*");
  }

  @Test
  void dataDefaultsAndPlatformAreRecognized() {
    BreakingChange schema = parse("Changed `Bar` Arrow schema to use `FixedSizeBinary` fields");
    assertThat(schema.kind()).isEqualTo(ChangeKind.DATA_FORMAT);
    assertThat(schema.scope()).isEqualTo(ChangeScope.DATA);
    assertThat(schema.old()).containsExactly("Bar");
    BreakingChange def = parse("Changed `trade_execution` default from `False` to `True`");
    assertThat(def.kind()).isEqualTo(ChangeKind.DEFAULT);
    assertThat(def.old()).containsExactly("trade_execution");
    assertThat(parse("Dropped support for Python 3.11").kind()).isEqualTo(ChangeKind.PLATFORM);
    assertThat(parse("Changed `MarginBalance.instrument_id` to optional").kind())
        .isEqualTo(ChangeKind.TYPE);
  }

  @Test
  void passiveStatementsAndReplacements() {
    BreakingChange c = parse("`AssetClass.EQUITY` changed to `AssetClass.STOCK`");
    assertThat(c.kind()).isEqualTo(ChangeKind.RENAME);
    assertThat(c.replacements()).containsExactly("AssetClass.STOCK");
    BreakingChange removed = parse("`is_inverse` removed from `OrderFilled`");
    assertThat(removed.kind()).isEqualTo(ChangeKind.SIGNATURE);
    assertThat(removed.old()).containsExactly("OrderFilled.is_inverse");
    BreakingChange replaced =
        parse(
            "Changed `get_client` signature: replaced `demo`/`testnet` bools with"
                + " `environment: Env`");
    assertThat(replaced.old()).containsExactly("get_client.demo", "get_client.testnet");
    assertThat(replaced.replacements())
        .containsExactly("get_client.environment", "get_client.environment");
  }

  @Test
  void parseReadsBreakingAndDeprecationSectionsInOrder() {
    Release r =
        new Release(
            V,
            Optional.empty(),
            List.of(
                new NotesSection("Enhancements", List.of(new NoteItem("Added `x`", null, 1))),
                new NotesSection(
                    "Breaking Changes",
                    List.of(
                        new NoteItem("Renamed `A` to `B`", "mv a b\n", 2),
                        new NoteItem("Removed `C`", null, 3))),
                new NotesSection(
                    "Deprecations", List.of(new NoteItem("Deprecated `D`; use `E`", null, 5)))),
            "RELEASES.md");
    List<BreakingChange> changes = parser.parse(r);
    assertThat(changes)
        .extracting(BreakingChange::text)
        .containsExactly("Renamed `A` to `B`", "Removed `C`", "Deprecated `D`; use `E`");
    assertThat(changes.get(0).migration()).isEqualTo("mv a b\n");
    assertThat(changes.get(0).source()).isEqualTo("releases-md");
    assertThat(NotesParser.isDeprecation(changes.get(2))).isTrue();
    assertThat(changes.get(2).replacements()).containsExactly("E");
    assertThat(NotesParser.sourceIdOf("changelog.json")).isEqualTo("n8n");
    assertThat(NotesParser.sourceIdOf("commits:x.jsonl")).isEqualTo("commit");
  }

  @Test
  void commitTextWithoutBackticksStillNamesIdentifiers() {
    BreakingChange c =
        parser.parseItem(
            V, new NoteItem("Renamed enable_buys to enable_limit_buys", null, 0), "n8n");
    assertThat(c.old()).containsExactly("enable_buys");
    assertThat(c.replacements()).containsExactly("enable_limit_buys");
    assertThat(c.text()).isEqualTo("Renamed enable_buys to enable_limit_buys");
    assertThat(list("x")).hasSize(1);
    // Found by the property test: "from" directly before " to ".
    assertThat(
            parser
                .parseStrict(V, new NoteItem("Moved from  to  `A` to `m.b`", null, 0), "x")
                .kind())
        .isEqualTo(ChangeKind.MOVE);
    assertThat(parse("Changed behavior of timers `allow_past=False` to permit past starts").old())
        .containsExactly("allow_past");
  }
}

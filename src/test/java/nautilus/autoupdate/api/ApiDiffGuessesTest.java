package nautilus.autoupdate.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the diff guesses. Where a name went: within the package or within its own adapter, never to
 * another adapter's function of the same name (1.220.0: OKX's {@code get_http_base_url} gone,
 * Binance's kept, with another signature). Which parameter is a renamed one: the new name at the
 * old place, of the same kind and default, and not where {@code **kwargs} still takes the old
 * keyword.
 */
class ApiDiffGuessesTest {
  static final String OKX = "nautilus_trader/adapters/okx/common/";
  static final String BINANCE = "nautilus_trader/adapters/binance/common/urls.py";
  static final String BINANCE_URLS =
      "def get_http_base_url(account_type, is_testnet, is_us):\n    pass\n";

  @Test
  void aNameGoneFromOneAdapterIsRemovedThoughAnotherAdapterDefinesItsName() {
    ApiSnapshot from =
        snapshot(
            "1.0.0",
            Map.of(
                OKX + "urls.py",
                "def get_http_base_url():\n    pass\n\n\ndef format_symbol(s):\n    pass\n",
                BINANCE,
                BINANCE_URLS,
                "nautilus_trader/common/clock.py",
                "class LiveClock:\n    pass\n"));
    ApiSnapshot to =
        snapshot(
            "2.0.0",
            Map.of(
                OKX + "urls.py",
                "X = 1\n",
                OKX + "symbol.py",
                "def format_symbol(s):\n    pass\n",
                BINANCE,
                BINANCE_URLS,
                "nautilus_trader/common/clock.py",
                "Y = 1\n",
                "nautilus_trader/common/component.py",
                "class LiveClock:\n    pass\n"));

    List<String> found = findings(from, to);

    assertThat(found)
        .contains(
            "name_removed nautilus_trader.adapters.okx.common.urls.get_http_base_url -> [null]",
            "name_moved nautilus_trader.adapters.okx.common.urls.format_symbol ->"
                + " [nautilus_trader.adapters.okx.common.symbol.format_symbol]",
            "name_moved nautilus_trader.common.clock.LiveClock ->"
                + " [nautilus_trader.common.component.LiveClock]");
    // Nor is Binance's signature compared with OKX's.
    assertThat(found).noneMatch(f -> f.startsWith("parameter_"));
  }

  @Test
  void modulesOfTwoAdaptersAreOtherAdapters() {
    assertThat(ApiDiff.otherAdapter("p.adapters.okx.common.urls", "p.adapters.binance.common.urls"))
        .isTrue();
    assertThat(ApiDiff.otherAdapter("p.adapters.okx.common.urls", "p.adapters.okx.common.symbol"))
        .isFalse();
    assertThat(ApiDiff.otherAdapter("p.adapters.okx.common.urls", "p.common.component")).isFalse();
  }

  @Test
  void aParameterIsRenamedOnlyWhenTheNewOneAtItsPlaceLooksTheSame() {
    ApiSnapshot from =
        snapshot(
            "1.0.0",
            Map.of(
                "nautilus_trader/catalog.py",
                String.join(
                    "\n",
                    "def write_data(data, start=None, skip_disjoint_check=False):",
                    "    pass",
                    "def subscribe(instrument_id, is_demo=False):",
                    "    pass",
                    "def request(bar_type, limit=0):",
                    "    pass",
                    "")));
    ApiSnapshot to =
        snapshot(
            "2.0.0",
            Map.of(
                "nautilus_trader/catalog.py",
                String.join(
                    "\n",
                    "def write_data(data, start=None, data_cls=None, identifier=None, **kwargs):",
                    "    pass",
                    "def subscribe(instrument_id, demo=False):",
                    "    pass",
                    "def request(bar_type, start=None):",
                    "    pass",
                    "")));

    List<String> found =
        ApiDiff.diff(from, to).stream()
            .filter(c -> c.type().id().startsWith("parameter_"))
            .map(c -> c.change().text())
            .toList();

    assertThat(found)
        .containsExactlyInAnyOrder(
            "Parameter `is_demo` of `subscribe` was renamed to `demo`",
            // Another default at the old place: another parameter, so `limit=` is removed.
            "Parameter `limit` of `request` was removed");
  }

  @Test
  void aNameOfARemovedModuleThatWentNowhereIsRemovedThoughItsSiblingsMoved() {
    ApiSnapshot from =
        snapshot(
            "1.0.0",
            Map.of(
                "nautilus_trader/model/orders/__init__.py",
                "from nautilus_trader.model.orders.base import Order\n"
                    + "from nautilus_trader.model.orders.market import MarketOrder\n\n\n"
                    + "class OrderList:\n    pass\n",
                "nautilus_trader/model/orders/base.py",
                "class Order:\n    pass\n",
                "nautilus_trader/model/orders/market.py",
                "class MarketOrder:\n    pass\n",
                "nautilus_trader/model/gone.py",
                "class Legacy:\n    pass\n"));
    ApiSnapshot to =
        snapshot(
            "2.0.0",
            Map.of(
                "nautilus_trader/model/__init__.py",
                "from nautilus_trader.model.book import MarketOrder, OrderList\n\n"
                    + "__all__ = [\"MarketOrder\", \"OrderList\"]\n",
                "nautilus_trader/model/book.py",
                "class MarketOrder:\n    pass\n\n\nclass OrderList:\n    pass\n"));

    List<String> found = findings(from, to);

    assertThat(found)
        .contains(
            "module_removed nautilus_trader.model.orders -> [nautilus_trader.model]",
            "name_moved nautilus_trader.model.orders.OrderList -> [nautilus_trader.model.OrderList]",
            // Order, which users import from `model.orders` (a re-export), is importable from
            // nowhere: it does not inherit the module's replacement.
            "name_removed nautilus_trader.model.orders.Order -> [null]",
            "module_removed nautilus_trader.model.orders.base -> [null]",
            // A module whose names all went: its own finding says so, with no name findings.
            "module_removed nautilus_trader.model.gone -> [null]")
        .noneMatch(f -> f.contains("model.gone.Legacy"));
  }

  /** Each finding as {@code type old -> replacements}. */
  private static List<String> findings(ApiSnapshot from, ApiSnapshot to) {
    return ApiDiff.diff(from, to).stream()
        .map(
            c -> c.type().id() + " " + c.change().old().get(0) + " -> " + c.change().replacements())
        .toList();
  }

  private static ApiSnapshot snapshot(String version, Map<String, String> files) {
    Map<String, String> all = new java.util.TreeMap<>(files);
    for (String f : files.keySet()) {
      for (int i = f.indexOf('/'); i > 0; i = f.indexOf('/', i + 1)) {
        all.putIfAbsent(f.substring(0, i) + "/__init__.py", "");
      }
    }
    return new SnapshotBuilder("nautilus_trader")
        .build(version, new DistContents("test", List.copyOf(all.keySet()), all), List.of("test"));
  }
}

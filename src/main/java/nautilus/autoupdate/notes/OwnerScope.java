package nautilus.autoupdate.notes;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The adapter a note is about, when its prose names one ("Changed Polymarket instrument provider
 * config ...; use `PolymarketInstrumentProviderConfig` instead of `InstrumentProviderConfig`"):
 * such a note reaches only that adapter's code, whatever generic names it mentions. Names inside
 * code spans do not count ({@code BinanceAccountType} already says whose it is).
 */
public final class OwnerScope {
  /**
   * An adapter as the notes name it, its module under {@code adapters}, its class prefix; with no
   * class prefix, a module of that name anywhere in the package.
   */
  public record Adapter(String name, String module, String classPrefix) {}

  private static final List<Adapter> ADAPTERS =
      List.of(
          new Adapter("Polymarket", "polymarket", "polymarket"),
          new Adapter("Binance", "binance", "binance"),
          new Adapter("Bybit", "bybit", "bybit"),
          new Adapter("OKX", "okx", "okx"),
          new Adapter("Hyperliquid", "hyperliquid", "hyperliquid"),
          new Adapter("Deribit", "deribit", "deribit"),
          new Adapter("Databento", "databento", "databento"),
          new Adapter("Betfair", "betfair", "betfair"),
          new Adapter("Tardis", "tardis", "tardis"),
          new Adapter("BitMEX", "bitmex", "bitmex"),
          new Adapter("Kraken", "kraken", "kraken"),
          new Adapter("Interactive Brokers", "interactive_brokers", "interactivebrokers"),
          new Adapter("dYdX", "dydx", "dydx"),
          new Adapter("Coinbase", "coinbase", "coinbase"),
          new Adapter("Lighter", "lighter", "lighter"),
          new Adapter("Architect", "architect", "architect"));

  /**
   * The Rust-backed bindings under {@code nautilus_trader.core.nautilus_pyo3}: a note about them
   * ("Renamed `id` constructor parameter to `instrument_id` across all PyO3 instruments") leaves
   * the same-named Cython classes alone. It has no class prefix: the module alone tells.
   */
  public static final Adapter PYO3 = new Adapter("PyO3", "nautilus_pyo3", null);

  /**
   * PyO3 as what the note changes: right before a code span ("Changed PyO3 `DataActor`") or a kind
   * of thing ("PyO3 instruments", "PyO3 persistence classes", "`type_str` PyO3 getter"); not
   * "aligns with Nautilus PyO3 API" or "equivalent from PyO3", where the change is to the Cython
   * side.
   */
  private static final Pattern PYO3_SUBJECT =
      Pattern.compile(
          "(?<![\\w-])PyO3\\s+(?:`|(?:[a-z-]+\\s+){0,2}(?:instruments?|getters?|classes|objects?"
              + "|types?|methods?|functions?|bindings?)\\b)");

  private static final Pattern SPAN = Pattern.compile("`[^`]*`");

  private OwnerScope() {}

  /** The adapters the note's prose names, in the order of the list; empty for a general note. */
  public static Set<Adapter> of(BreakingChange c) {
    String prose = SPAN.matcher(c.text() == null ? "" : c.text()).replaceAll(" ");
    Set<Adapter> out = new LinkedHashSet<>();
    if (c.text() != null && PYO3_SUBJECT.matcher(c.text()).find()) {
      out.add(PYO3);
    }
    for (Adapter a : ADAPTERS) {
      Matcher m =
          Pattern.compile("(?<![\\w-])" + Pattern.quote(a.name()) + "(?![\\w-])").matcher(prose);
      if (m.find()) {
        out.add(a);
      }
    }
    return out;
  }

  /** Whether a dotted upstream path or class name belongs to one of {@code adapters}. */
  public static boolean belongs(String path, Set<Adapter> adapters) {
    String[] seg = path.split("\\.");
    for (Adapter a : adapters) {
      for (int i = 0; i < seg.length; i++) {
        String s = seg[i].toLowerCase(Locale.ROOT);
        boolean module =
            s.equals(a.module())
                && (a.classPrefix() == null || i > 0 && seg[i - 1].equals("adapters"));
        boolean cls =
            a.classPrefix() != null
                && !s.isEmpty()
                && Character.isUpperCase(seg[i].charAt(0))
                && s.startsWith(a.classPrefix());
        if (module || cls) {
          return true;
        }
      }
    }
    return false;
  }
}

package nautilus.autoupdate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import nautilus.autoupdate.api.ApiModel;
import nautilus.autoupdate.api.ApiSnapshot;
import nautilus.autoupdate.api.DistContents;
import nautilus.autoupdate.api.ModelCache;
import nautilus.autoupdate.api.SnapshotBuilder;
import nautilus.autoupdate.version.Version;

/**
 * Two small nautilus_trader trees shaped like the real 1.222.0 and 1.224.0 around the Polymarket
 * configs (msgspec structs in pure-Python modules): the Polymarket data client's {@code
 * instrument_config} field is an {@code Optional[InstrumentProviderConfig]} in the old tree and a
 * {@code "PolymarketInstrumentProviderConfig | None"} (string annotation, relative import) in the
 * new one; everything else is the same.
 */
public final class FieldTypeTrees {
  public static final String OLD = "1.222.0";
  public static final String NEW = "1.224.0";

  private FieldTypeTrees() {}

  /** Writes the tree of {@code version} under {@code root/version} and returns that folder. */
  public static Path write(Path root, String version) {
    boolean neu = version.equals(NEW);
    Path dir = root.resolve(version);
    Map<String, String> files =
        Map.ofEntries(
            Map.entry("nautilus_trader/__init__.py", ""),
            Map.entry("nautilus_trader/common/__init__.py", ""),
            Map.entry(
                "nautilus_trader/common/config.py",
                """
                import msgspec


                class NautilusConfig(msgspec.Struct, kw_only=True, frozen=True):
                    pass


                class InstrumentProviderConfig(NautilusConfig, frozen=True):
                    load_all: bool = False
                    load_ids: frozenset[str] | None = None
                """),
            Map.entry(
                "nautilus_trader/config/__init__.py",
                """
                from nautilus_trader.common.config import InstrumentProviderConfig
                from nautilus_trader.live.config import LiveDataClientConfig
                """),
            Map.entry("nautilus_trader/live/__init__.py", ""),
            Map.entry(
                "nautilus_trader/live/config.py",
                """
                from nautilus_trader.common.config import InstrumentProviderConfig
                from nautilus_trader.common.config import NautilusConfig


                class LiveDataClientConfig(NautilusConfig, frozen=True):
                    instrument_provider: InstrumentProviderConfig = InstrumentProviderConfig()
                """),
            Map.entry("nautilus_trader/adapters/__init__.py", ""),
            Map.entry("nautilus_trader/adapters/binance/__init__.py", ""),
            Map.entry(
                "nautilus_trader/adapters/binance/config.py",
                """
                from nautilus_trader.config import LiveDataClientConfig


                class BinanceDataClientConfig(LiveDataClientConfig, frozen=True):
                    api_key: str | None = None
                """),
            Map.entry(
                "nautilus_trader/adapters/polymarket/__init__.py",
                """
                from nautilus_trader.adapters.polymarket.config import PolymarketDataClientConfig
                """),
            Map.entry(
                "nautilus_trader/adapters/polymarket/providers.py",
                """
                from nautilus_trader.config import InstrumentProviderConfig


                class PolymarketInstrumentProviderConfig(InstrumentProviderConfig, frozen=True):
                    event_slugs: list[str] | None = None
                """),
            Map.entry(
                "nautilus_trader/adapters/polymarket/config.py",
                """
                from typing import Optional

                from nautilus_trader.config import InstrumentProviderConfig
                from nautilus_trader.config import LiveDataClientConfig

                from .providers import PolymarketInstrumentProviderConfig


                class PolymarketDataClientConfig(LiveDataClientConfig, frozen=True):
                    private_key: str | None = None
                    instrument_config: %s = None
                """
                    .formatted(
                        neu
                            ? "\"PolymarketInstrumentProviderConfig | None\""
                            : "Optional[InstrumentProviderConfig]")));
    try {
      for (var e : files.entrySet()) {
        Path p = dir.resolve(e.getKey());
        Files.createDirectories(p.getParent());
        Files.writeString(p, e.getValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir;
  }

  public static ApiSnapshot snapshot(Path root, String version) {
    return new SnapshotBuilder("nautilus_trader")
        .build(
            version,
            DistContents.read(write(root, version)),
            List.of("field type tree " + version));
  }

  public static ApiModel model(Path root, String version) {
    return ApiModel.of(snapshot(root, version));
  }

  /** Both trees' models in the shared cache under {@code cache} (XDG_CACHE_HOME); its env. */
  public static Map<String, String> envWithModels(Path cache, Path trees) {
    Path dir = cache.resolve("nautilus-autoupdate/models");
    ModelCache models = new ModelCache(dir, m -> {});
    for (String v : List.of(OLD, NEW)) {
      models.write(models.file("nautilus_trader", Version.parse(v), ""), snapshot(trees, v));
    }
    return Map.of("XDG_CACHE_HOME", cache.toAbsolutePath().toString());
  }
}

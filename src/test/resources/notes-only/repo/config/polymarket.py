from nautilus_trader.adapters.polymarket import PolymarketDataClientConfig
from nautilus_trader.config import InstrumentProviderConfig

DATA = PolymarketDataClientConfig(
    instrument_provider=InstrumentProviderConfig(load_all=True),
)

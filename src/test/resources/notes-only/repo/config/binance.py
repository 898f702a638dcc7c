from nautilus_trader.adapters.binance import BinanceDataClientConfig
from nautilus_trader.adapters.bybit import BybitDataClientConfig
from nautilus_trader.config import InstrumentProviderConfig

BINANCE = BinanceDataClientConfig(instrument_provider=InstrumentProviderConfig(load_all=True))
BYBIT = BybitDataClientConfig(
    instrument_provider=InstrumentProviderConfig(load_all=True),
)

from nautilus_trader.common.config import InstrumentProviderConfig
from nautilus_trader.common.config import NautilusConfig


class BinanceDataClientConfig(NautilusConfig, frozen=True):
    api_key: str | None = None
    instrument_provider: InstrumentProviderConfig = InstrumentProviderConfig()

"""A small strategy for bench/typecheck-compare.sh, written for it. Each line marked BREAK uses an
API that nautilus_trader 1.224.0 changed from 1.222.0 (as `api-diff --from 1.222.0 --to 1.224.0`
shows); every other use of the package is unchanged between the two."""

from nautilus_trader.adapters.binance.common.credentials import get_api_key
from nautilus_trader.adapters.binance.config import BinanceExecClientConfig
from nautilus_trader.adapters.dydx.common.constants import DYDX_VENUE  # BREAK module removed
from nautilus_trader.adapters.interactive_brokers.config import InteractiveBrokersDataClientConfig
from nautilus_trader.config import StrategyConfig
from nautilus_trader.model.data import BarType
from nautilus_trader.trading.strategy import Strategy


class SampleConfig(StrategyConfig, frozen=True):
    instrument_id: str
    bar_type: str


class SampleStrategy(Strategy):
    def __init__(self, config: SampleConfig) -> None:
        super().__init__(config)
        self.bar_type = BarType.from_str(config.bar_type)

    def on_start(self) -> None:
        self.subscribe_bars(self.bar_type)

    def on_stop(self) -> None:
        self.cancel_all_orders(self.bar_type.instrument_id)


def ib_config() -> InteractiveBrokersDataClientConfig:
    return InteractiveBrokersDataClientConfig(request_timeout=30)  # BREAK field renamed


def binance_exec() -> BinanceExecClientConfig:
    return BinanceExecClientConfig(listen_key_ping_max_failures=3)  # BREAK field removed


def binance_key(account_type) -> str:
    return get_api_key(account_type, is_testnet=True)  # BREAK keyword renamed


VENUE = DYDX_VENUE

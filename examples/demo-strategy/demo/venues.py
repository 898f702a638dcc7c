"""The simulated venue our backtests trade on."""

from nautilus_trader.backtest.models import FillModel
from nautilus_trader.config import BacktestVenueConfig
from nautilus_trader.config import CacheConfig
from nautilus_trader.config import DatabaseConfig


def fill_model() -> FillModel:
    return FillModel(
        prob_fill_on_limit=0.3,
        prob_fill_on_stop=0.95,
        prob_slippage=0.1,
        random_seed=42,
    )


def venue_config() -> BacktestVenueConfig:
    return BacktestVenueConfig(
        name="SIM",
        oms_type="NETTING",
        account_type="MARGIN",
        starting_balances=["1_000_000 USD"],
        base_currency="USD",
        bar_execution=True,
        trade_execution=False,
    )


def cache_config() -> CacheConfig:
    database = DatabaseConfig(host="localhost", port=6379, timeout=5)
    return CacheConfig(database=database, encoding="msgpack", tick_capacity=50_000)

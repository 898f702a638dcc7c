"""nautilus_trader.backtest.data.providers"""
from nautilus_trader.config import BacktestDataConfig


def data(path):
    return BacktestDataConfig(
        catalog_path=path,
        data_cls_path="nautilus_trader.model.data:QuoteTick",
    )

import nautilus_trader
import nautilus_trader.analysis.statistics.sharpe_ratio as sr
from nautilus_trader.analysis import statistics


def asset():
    return nautilus_trader.model.enums.AssetClass.BOND


def ratio():
    return sr.SharpeRatio(), statistics

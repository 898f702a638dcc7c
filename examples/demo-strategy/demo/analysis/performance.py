"""Trade statistics for our backtest reports."""

import pandas as pd

from nautilus_trader.analysis.statistics.expectancy import Expectancy
from nautilus_trader.analysis.statistics.win_rate import WinRate


def win_rate(realized_pnls: list[float]) -> float:
    return WinRate().calculate_from_realized_pnls(pd.Series(realized_pnls, dtype="float64"))


def expectancy(realized_pnls: list[float]) -> float:
    return Expectancy().calculate_from_realized_pnls(pd.Series(realized_pnls, dtype="float64"))

"""Performance report for the EMA cross strategy."""

from nautilus_trader.analysis.statistics.win_rate import WinRate  # headline stat
from nautilus_trader.analysis.statistics.sharpe_ratio import SharpeRatio
from nautilus_trader.analysis.analyzer import PortfolioAnalyzer
import nautilus_trader.analysis.statistics.profit_factor as pf


def register(analyzer: PortfolioAnalyzer) -> None:
    # WinRate from nautilus_trader.analysis.statistics stays in this comment
    analyzer.register_statistic(WinRate())
    analyzer.register_statistic(SharpeRatio())
    analyzer.register_statistic(pf.ProfitFactor())

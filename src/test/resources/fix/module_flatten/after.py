"""Performance report for the EMA cross strategy."""

from nautilus_trader.analysis import WinRate, SharpeRatio  # headline stat
from nautilus_trader.analysis.analyzer import PortfolioAnalyzer
import nautilus_trader.analysis as pf


def register(analyzer: PortfolioAnalyzer) -> None:
    # WinRate from nautilus_trader.analysis.statistics stays in this comment
    analyzer.register_statistic(WinRate())
    analyzer.register_statistic(SharpeRatio())
    analyzer.register_statistic(pf.ProfitFactor())

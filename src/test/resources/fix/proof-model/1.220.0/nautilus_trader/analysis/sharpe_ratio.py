from nautilus_trader.analysis.statistic import PortfolioStatistic


class SharpeRatio(PortfolioStatistic):
    def __init__(self, period: int = 252):
        self.period = period

from nautilus_trader.analysis.statistic import PortfolioStatistic


class Expectancy(PortfolioStatistic):
    pass

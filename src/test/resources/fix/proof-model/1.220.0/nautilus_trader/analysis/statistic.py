class PortfolioStatistic:
    def calculate_from_realized_pnls(self, realized_pnls):
        return None

    def calculate_from_returns(self, returns):
        return None

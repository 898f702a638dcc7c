from nautilus_trader.backtest.models import FillModel
from nautilus_trader.config import ExecEngineConfig
from nautilus_trader.indicators.base.indicator import Indicator


class Spread(Indicator):
    def handle_bar(self, bar):
        pass


def setup():
    fill = FillModel(
        prob_fill_on_limit=0.2,
        prob_fill_on_stop=0.3,
        prob_slippage=0.1,
    )
    engine = ExecEngineConfig(portfolio_bar_updates=True)
    return fill, engine

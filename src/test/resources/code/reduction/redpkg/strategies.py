"""Strategies: USDT_FUTURE and on_order_book_delta appear here only in the docstring."""

from nautilus_trader.adapters.binance import BinanceAccountType  # USDT_FUTURE in a comment
from nautilus_trader.backtest.models import FillModel
from nautilus_trader.trading.strategy import Strategy


class Base(Strategy):
    """A base whose hooks mention on_order_book_delta only in this docstring."""

    kind = "base"

    def __init__(self, config):
        super().__init__(config)
        self.account = BinanceAccountType.SPOT
        # managed below is only a comment
        if config:
            self.model = FillModel(prob_fill_on_limit=0.2)
        else:
            log("no config")
        for key in range(2):
            print(key)

    def quiet(self, a, b=1) -> int:
        """USDT_FUTURE in a docstring."""
        x = a + b  # average
        return x

    @property
    def one_liner(self): return self.account


class Child(Base):
    def on_order_book_delta(self, delta):
        return self.account.USDT_FUTURE

    def on_start(self):
        model = self.model
        fm = FillModel(prob_fill_on_stop=0.5)
        return model, fm

    async def on_stop(self):
        def inner():
            return self.cache.add_interest_rate_curve(None)

        return inner()


def with_comment_only():
    # statistics
    return 1


def loader():
    return "nautilus_trader.analysis.statistics:SharpeRatio"


def text_with_hash():
    s = "# not a comment: average"
    t = '''def fake():
    statistics = 1
'''
    return s + t


def continued():
    total = 1 + \
        2
    return total

from nautilus_trader.adapters.binance import BinanceAccountType
from nautilus_trader.indicators.average.ema import ExponentialMovingAverage
from nautilus_trader.trading.strategy import Strategy


class EMACross(Strategy):
    def __init__(self, config):
        super().__init__(config)
        self.fast = ExponentialMovingAverage(10)
        self.account_type = BinanceAccountType.USDT_FUTURE

    def on_start(self):
        self.subscribe_book_at_interval(
            self.config.instrument_id,
            depth=10,
            managed=True,
        )
        self.cache.add_interest_rate_curve(None)

    def on_order_book_delta(self, delta):
        self.fast.update_raw(1.0)

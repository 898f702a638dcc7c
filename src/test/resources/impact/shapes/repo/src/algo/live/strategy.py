from nautilus_trader.backtest.data.providers import TestInstrumentProvider
from nautilus_trader.trading.strategy import Strategy


class Registering(Strategy):
    def on_start(self):
        self.portfolio.register_account(None)
        self.instrument = TestInstrumentProvider.default_fx_ccy("EUR/USD")


class Unrelated:
    def start(self):
        return self

    def go(self):
        return self.start()

from strategies.base import BaseStrategy


class Child(BaseStrategy):
    def on_start(self) -> None:
        self.request_trade_ticks(self.instrument_id)
        self.subscribe_bars(self.bar_type)

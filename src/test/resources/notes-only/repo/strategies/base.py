from nautilus_trader.trading.strategy import Strategy


class BaseStrategy(Strategy):
    """Our own base class: its subclasses inherit the upstream request methods."""

    def warm_up(self) -> None:
        self.request_instrument(self.instrument_id, start=self.clock.utc_now())

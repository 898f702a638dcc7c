from nautilus_trader.model.identifiers import InstrumentId
from nautilus_trader.model.objects import Price
from nautilus_trader.trading.strategy import Strategy

INSTRUMENT = InstrumentId.from_str("BTCUSDT-PERP.BINANCE")


class Sizing(Strategy):
    def on_start(self) -> None:
        tick = Price(0.01, 2)
        self.limit = Price.from_str("100.00") + tick

    def enter(self, order, pid) -> None:
        self.submit_order(order)
        self.submit_order(order, position_id=pid)

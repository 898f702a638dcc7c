from nautilus_trader.model.enums import OrderSide


class Strategy:
    """Our own class that happens to share the upstream name."""

    def on_order_book_delta(self, delta):
        return OrderSide.BUY

    def subscribe_book_at_interval(self, instrument_id, managed=True):
        return managed


class Runner(Strategy):
    def on_order_book_delta(self, delta):
        return self.subscribe_book_at_interval(None, managed=False)

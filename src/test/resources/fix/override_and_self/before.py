import functools

from nautilus_trader.trading.strategy import TradingStrategy


def logged(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        return fn(*args, **kwargs)

    return wrapper


class Base(TradingStrategy):
    pass


class MeanReversion(Base):
    class Params:
        def flatten_position(self):  # nested look-alike, not an override
            return None

    @logged
    def flatten_position(self, position):
        self.log.info("flattening")
        super().flatten_position(position)

    def on_stop(self):
        for position in self.cache.positions_open():
            self.flatten_position(position)

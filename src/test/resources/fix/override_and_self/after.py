import functools

from nautilus_trader.trading.strategy import Strategy


def logged(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        return fn(*args, **kwargs)

    return wrapper


class Base(Strategy):
    pass


class MeanReversion(Base):
    class Params:
        def flatten_position(self):  # nested look-alike, not an override
            return None

    @logged
    def close_position(self, position):
        self.log.info("flattening")
        super().close_position(position)

    def on_stop(self):
        for position in self.cache.positions_open():
            self.close_position(position)

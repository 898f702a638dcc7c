from nautilus_trader.model.enums import OrderSide


def make():
    """Mentions average only here."""
    from nautilus_trader.indicators.average.ema import ExponentialMovingAverage

    return ExponentialMovingAverage(10)


def quiet():
    return OrderSide.BUY

from nautilus_trader.model.enums import *  # noqa: F403


def side():
    return OrderSide.NONE  # noqa: F405

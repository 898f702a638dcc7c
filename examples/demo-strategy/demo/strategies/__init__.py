from demo.strategies.ema_cross import EmaCross
from demo.strategies.ema_cross import EmaCrossConfig

__all__ = ["EmaCross", "EmaCrossConfig"]

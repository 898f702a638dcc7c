from demo_pkg.core import Engine
from demo_pkg.indicators import Ema

__all__ = ["Engine", "Ema"]

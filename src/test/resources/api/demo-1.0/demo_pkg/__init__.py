from demo_pkg.core import Engine

__all__ = ["Engine"]

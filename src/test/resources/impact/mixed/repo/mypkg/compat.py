# Re-exports upstream names so the rest of the package imports them from one place.
from nautilus_trader.model.data import InterestRateData
from nautilus_trader.trading.strategy import Strategy

__all__ = ["InterestRateData", "Strategy"]

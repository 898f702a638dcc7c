from nautilus_trader.model.enums import AssetClass  # re-exported
from nautilus_trader.trading.strategy import Strategy as BaseStrategy

from nautilus_trader.indicators.base.indicator import Indicator

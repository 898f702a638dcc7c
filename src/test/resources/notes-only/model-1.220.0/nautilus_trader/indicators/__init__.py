# 1.220.0: the indicators are importable from the package itself (flat structure).
from nautilus_trader.indicators.averages import ExponentialMovingAverage
from nautilus_trader.indicators.volatility import AverageTrueRange
from nautilus_trader.indicators.volatility import BollingerBands
from nautilus_trader.indicators.momentum import RelativeStrengthIndex

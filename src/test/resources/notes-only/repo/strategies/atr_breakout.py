"""ATR breakout: the indicator imports the 1.220.0 notes flatten."""

from nautilus_trader.indicators.atr import AverageTrueRange
from nautilus_trader.indicators.average.ema import ExponentialMovingAverage as Ema
from nautilus_trader.indicators import RelativeStrengthIndex
from nautilus_trader.indicators.base.indicator import Indicator
import nautilus_trader.indicators.bollinger_bands as bb
from nautilus_trader.trading.strategy import Strategy


class AtrBreakout(Strategy):
    def on_start(self) -> None:
        self.atr = AverageTrueRange(20)
        self.ema = Ema(10)
        self.rsi = RelativeStrengthIndex(14)
        self.bands = bb.BollingerBands(20, 2.0)
        self.request_bars(self.bar_type)
        self.request_bars(self.bar_type, start=self.clock.utc_now())
        self.request_quote_ticks(self.instrument_id, self.clock.utc_now())


def is_indicator(x) -> bool:
    return isinstance(x, Indicator)

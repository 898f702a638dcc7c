"""Rolling z-score of bar closes, as a NautilusTrader indicator."""

from collections import deque
from statistics import mean
from statistics import pstdev

from nautilus_trader.indicators.base import Indicator
from nautilus_trader.model.data import Bar


class ZScore(Indicator):
    def __init__(self, period: int) -> None:
        super().__init__(params=[period])
        self.period = period
        self.value = 0.0
        self._closes: deque[float] = deque(maxlen=period)

    def handle_bar(self, bar: Bar) -> None:
        self.update_raw(bar.close.as_double())

    def update_raw(self, close: float) -> None:
        self._closes.append(close)
        if not self.has_inputs:
            self._set_has_inputs(True)
        if len(self._closes) < self.period:
            return
        sd = pstdev(self._closes)
        self.value = 0.0 if sd == 0 else (close - mean(self._closes)) / sd
        if not self.initialized:
            self._set_initialized(True)

    def _reset(self) -> None:
        self._closes.clear()
        self.value = 0.0

from types import SimpleNamespace

from nautilus_trader.adapters.binance import BinanceAccountType
from nautilus_trader.backtest.models import FillModel


def local_shadow():
    BinanceAccountType = SimpleNamespace(USDT_FUTURE="x")
    return BinanceAccountType.USDT_FUTURE


def fine():
    return FillModel(prob_slippage=0.5), BinanceAccountType.SPOT

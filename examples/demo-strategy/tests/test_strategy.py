from decimal import Decimal

from nautilus_trader.backtest.engine import BacktestEngine
from nautilus_trader.backtest.engine import BacktestEngineConfig
from nautilus_trader.config import LoggingConfig
from nautilus_trader.model.currencies import USD
from nautilus_trader.model.data import Bar
from nautilus_trader.model.data import BarType
from nautilus_trader.model.enums import AccountType
from nautilus_trader.model.enums import OmsType
from nautilus_trader.model.enums import OrderSide
from nautilus_trader.model.identifiers import TraderId
from nautilus_trader.model.identifiers import Venue
from nautilus_trader.model.objects import Money
from nautilus_trader.model.objects import Quantity
from nautilus_trader.test_kit.providers import TestInstrumentProvider

from demo.strategies import EmaCross
from demo.strategies import EmaCrossConfig

BAR_TYPE = BarType.from_str("EUR/USD.SIM-1-MINUTE-BID-EXTERNAL")


def make_bars(instrument, closes):
    bars = []
    for i, close in enumerate(closes):
        ts = (i + 1) * 60_000_000_000
        price = instrument.make_price(close)
        bars.append(
            Bar(
                BAR_TYPE,
                price,
                instrument.make_price(close + 0.0005),
                instrument.make_price(close - 0.0005),
                price,
                Quantity.from_int(1_000_000),
                ts,
                ts,
            )
        )
    return bars


def test_ema_cross_trades_an_uptrend():
    instrument = TestInstrumentProvider.default_fx_ccy("EUR/USD")
    engine = BacktestEngine(BacktestEngineConfig(
            trader_id=TraderId("DEMO-001"), logging=LoggingConfig(log_level="ERROR")
        ))
    engine.add_venue(
        venue=Venue("SIM"),
        oms_type=OmsType.NETTING,
        account_type=AccountType.MARGIN,
        base_currency=USD,
        starting_balances=[Money(1_000_000, USD)],
    )
    engine.add_instrument(instrument)
    closes = [1.1000 - 0.0002 * i for i in range(30)] + [1.0940 + 0.0004 * i for i in range(40)]
    engine.add_data(make_bars(instrument, closes))
    config = EmaCrossConfig(
        instrument_id=instrument.id,
        bar_type=BAR_TYPE,
        trade_size=Decimal(100_000),
        fast_ema_period=5,
        slow_ema_period=15,
    )
    engine.add_strategy(EmaCross(config))
    engine.run()
    orders = engine.cache.orders()
    assert len(orders) >= 1
    assert orders[0].side == OrderSide.BUY
    engine.dispose()

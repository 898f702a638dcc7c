from nautilus_trader.core.datetime import nanos_to_unix_dt, dt_to_unix_nanos
import nautilus_trader.core.datetime as ntdt
import nautilus_trader.backtest.data.providers


def when(ts):
    provider = nautilus_trader.backtest.data.providers.TestInstrumentProvider
    return nanos_to_unix_dt(ts), ntdt.nanos_to_unix_dt(ts), dt_to_unix_nanos, provider

from nautilus_trader.core.datetime import unix_nanos_to_dt, dt_to_unix_nanos
import nautilus_trader.core.datetime as ntdt
import nautilus_trader.test_kit.providers


def when(ts):
    provider = nautilus_trader.test_kit.providers.TestInstrumentProvider
    return unix_nanos_to_dt(ts), ntdt.unix_nanos_to_dt(ts), dt_to_unix_nanos, provider

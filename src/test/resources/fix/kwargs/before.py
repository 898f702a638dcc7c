from nautilus_trader.common.config import MessageBusConfig
from nautilus_trader.common.component import Logger


def make_bus(stream: str):
    # keep the caller's `stream` parameter: it is ours
    return MessageBusConfig(
        stream=stream,  # the prefix for Redis streams
        use_trader_id=False,
    )


def make_logger():
    return Logger(component_name="Backtest")

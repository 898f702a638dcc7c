import threading

from nautilus_trader.common.component import Logger
from nautilus_trader.config import MessageBusConfig
from nautilus_trader.live.node import TradingNode

from ..common import to_dt


def run(config):
    node = TradingNode(config=config)
    bus = MessageBusConfig(stream="orders", use_instance_id=True)
    # node.start() used to be how this started
    worker = threading.Thread(target=print)
    worker.start()
    log = Logger(component_name="runner")
    node.start()
    return bus, log, to_dt(0)


def shadowed(TradingNode):
    return TradingNode.start()

from nautilus_trader.core.datetime import nanos_to_unix_dt
from nautilus_trader.model.position import Position


def to_dt(ns):
    return nanos_to_unix_dt(ns)


def exposure(position: Position):
    return position.net_qty

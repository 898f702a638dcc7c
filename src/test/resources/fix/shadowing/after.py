from nautilus_trader.model.position import signed_qty


def exposure(position):
    net_qty = position.quantity  # our local, shadows the upstream name
    return net_qty


def upstream(position):
    return signed_qty(position)

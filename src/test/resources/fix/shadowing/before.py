from nautilus_trader.model.position import net_qty


def exposure(position):
    net_qty = position.quantity  # our local, shadows the upstream name
    return net_qty


def upstream(position):
    return net_qty(position)

from nautilus_trader.model.orderbook.data import Order
from nautilus_trader.model.orderbook.data import Order, Order as O2

A = (Order, O2)

from nautilus_trader.model.orderbook.data import BookOrder
from nautilus_trader.model.orderbook.data import BookOrder, BookOrder as O2

A = (BookOrder, O2)

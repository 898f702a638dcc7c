from nautilus_trader.model.orderbook.book \
    import OrderBook
import nautilus_trader.model.orderbook.book as nb, os

book = nb.OrderBook

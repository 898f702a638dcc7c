from nautilus_trader.model.book \
    import OrderBook
import nautilus_trader.model.book as nb, os

book = nb.OrderBook

# -*- coding: utf-8 -*-
# étude du carnet
from nautilus_trader.model.orderbook.data import Order, BookAction

x = Order  # €

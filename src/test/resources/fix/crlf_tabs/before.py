from nautilus_trader.model.orderbook.book import OrderBook

class Book:
	def make(self):
		return OrderBook  # tab-indented

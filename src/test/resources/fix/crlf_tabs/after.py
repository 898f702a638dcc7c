from nautilus_trader.model.book import OrderBook

class Book:
	def make(self):
		return OrderBook  # tab-indented

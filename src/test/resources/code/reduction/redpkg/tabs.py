from nautilus_trader.adapters.binance import BinanceAccountType


class Tabbed:
	def __init__(self):
		self.kind = BinanceAccountType.USDT_FUTURE
		if self.kind:
			print(1)

	def quiet(self):
		return 2

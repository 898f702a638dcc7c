from nautilus_trader.adapters.binance.loaders import BinanceTradeTickDataLoader, BinanceOrderBookDeltaDataLoader, BinanceOrderBookDeltaDataLoader as D2
from nautilus_trader.persistence.loaders import CSVBarDataLoader

LOADERS = [BinanceTradeTickDataLoader, BinanceOrderBookDeltaDataLoader, CSVBarDataLoader, D2]

from nautilus_trader.persistence.loaders import CSVBarDataLoader
from nautilus_trader.adapters.binance.loaders import BinanceOrderBookDeltaDataLoader as Deltas
from nautilus_trader.persistence.loaders import CSVTickDataLoader
from nautilus_trader.adapters.binance.loaders import BinanceOrderBookDeltaDataLoader


def load(path):
    return Deltas.load(path), BinanceOrderBookDeltaDataLoader, CSVBarDataLoader, CSVTickDataLoader

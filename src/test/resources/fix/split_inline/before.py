from nautilus_trader.persistence.loaders import CSVBarDataLoader, BinanceOrderBookDeltaDataLoader as Deltas
from nautilus_trader.persistence.loaders import BinanceOrderBookDeltaDataLoader, CSVTickDataLoader


def load(path):
    return Deltas.load(path), BinanceOrderBookDeltaDataLoader, CSVBarDataLoader, CSVTickDataLoader

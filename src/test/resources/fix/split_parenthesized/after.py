from nautilus_trader.persistence.loaders import (
    CSVBarDataLoader,
    ParquetBarDataLoader,
)
from nautilus_trader.adapters.binance.loaders import BinanceOrderBookDeltaDataLoader
from nautilus_trader.model.identifiers import InstrumentId


def load(path, instrument_id: InstrumentId):
    deltas = BinanceOrderBookDeltaDataLoader.load(path)
    bars = CSVBarDataLoader.load(path)
    return deltas, bars, ParquetBarDataLoader

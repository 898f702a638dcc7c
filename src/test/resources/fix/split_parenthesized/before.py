from nautilus_trader.persistence.loaders import (
    BinanceOrderBookDeltaDataLoader,  # order book deltas from Binance CSVs
    CSVBarDataLoader,
    ParquetBarDataLoader,
)
from nautilus_trader.model.identifiers import InstrumentId


def load(path, instrument_id: InstrumentId):
    deltas = BinanceOrderBookDeltaDataLoader.load(path)
    bars = CSVBarDataLoader.load(path)
    return deltas, bars, ParquetBarDataLoader

import nautilus_trader.adapters.binance.loaders as loaders
import nautilus_trader.persistence.loaders as ldr


def load(path):
    deltas = loaders.BinanceOrderBookDeltaDataLoader.load(path)
    bars = ldr.CSVBarDataLoader.load(path)
    return deltas, bars, ldr.BinanceOrderBookDeltaDataLoader

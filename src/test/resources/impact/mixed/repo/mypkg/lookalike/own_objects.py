"""Look-alikes: ParquetDataCatalog.reset_catalog_file_names and BinanceAccountType.USDT_FUTURE
are only named in this docstring."""
from enum import Enum

from nautilus_trader.model.identifiers import InstrumentId


class BinanceAccountType(Enum):
    USDT_FUTURE = 1


class Store:
    def reset_catalog_file_names(self):
        return None


class FillModel:
    def __init__(self, prob_fill_on_stop=0.0):
        self.prob_fill_on_stop = prob_fill_on_stop


def run(instrument: InstrumentId):
    store = Store()
    store.reset_catalog_file_names()  # not ParquetDataCatalog.reset_catalog_file_names
    kind = BinanceAccountType.USDT_FUTURE
    model = FillModel(prob_fill_on_stop=0.1)
    return kind, model, "on_order_book_delta"

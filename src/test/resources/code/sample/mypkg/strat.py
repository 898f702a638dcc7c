"""Uses Strategy.on_tick and AssetClass.BOND in a docstring only."""
import nautilus_trader.model.enums as enums
from nautilus_trader.backtest.models import FillModel
from nautilus_trader.persistence.catalog.parquet import ParquetDataCatalog
from mypkg.base import OurBase
from mypkg.compat import AssetClass


class MyStrategy(OurBase):
    def __init__(self, config):
        super().__init__(config)
        self.catalog = ParquetDataCatalog("/tmp")

    def on_tick(self, tick):  # AssetClass.BOND in a comment
        self.helper()
        self.submit_order(None)
        self.catalog.reset_catalog_file_names()
        x = AssetClass.BOND
        y = enums.OrderSide.NONE
        fm = FillModel(prob_fill_on_stop=0.5, prob_slippage=0.1)
        return x, y, fm


def shadow():
    AssetClass = object()
    return AssetClass.BOND


def param(catalog: ParquetDataCatalog, other):
    catalog.reset_catalog_file_names()
    other.reset_catalog_file_names()

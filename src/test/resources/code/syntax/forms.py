from __future__ import annotations

import nautilus_trader.model.enums as enums
from typing import Optional

from nautilus_trader.backtest.models import FillModel
from nautilus_trader.model.book import OrderBook
from nautilus_trader.persistence.catalog.parquet import ParquetDataCatalog as Catalog

counter = 0
MODULE_BOOK = OrderBook(None)
Alias = Catalog


def decorate(fn):
    return fn


@decorate
def everything(
    book: Optional[OrderBook],
    other: OrderBook | None = None,
    *args,
    model: FillModel = FillModel(),
    **kwargs,
):
    global counter
    counter += 1
    with open("x") as handle, book as ctx:
        ctx.apply_delta(handle)
    for item in book.bids():
        item.size()
    squares = [level.price for level in book.asks()]
    try:
        other.update_count
    except ValueError as err:
        err.args
    if (found := book.best_bid_price()) is not None:
        found.as_double()
    key = lambda enums: enums.OrderSide.NONE
    model.is_slipped(*args)
    f"{book.spread()} text"
    MODULE_BOOK.update_count
    Alias("path").reset_catalog_file_names()
    return squares, key, enums.OrderSide.BUY


class Holder:
    book: OrderBook = None

    @property
    def depth(self):
        def inner():
            return self.book
        return inner

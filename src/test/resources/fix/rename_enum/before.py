from enum import Enum

from nautilus_trader.model.enums import AssetClass
from nautilus_trader.model.enums import AssetClass as AC


class MyAssetClass(Enum):
    BOND = 1  # our own look-alike


def classify(kind):
    # AssetClass.BOND in a comment is not a use
    if kind == AssetClass.BOND:
        return "fixed income"
    if kind in (AC.BOND, MyAssetClass.BOND):
        return "also"
    return "AssetClass.BOND is only a string here"

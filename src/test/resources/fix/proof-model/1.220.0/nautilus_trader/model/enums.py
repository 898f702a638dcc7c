from enum import Enum


class AssetClass(Enum):
    EQUITY = 1
    BOND = 2

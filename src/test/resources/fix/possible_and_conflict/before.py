from nautilus_trader.model.enums import AssetClass


def kinds(obj):
    a = AssetClass.CRYPTO
    b = obj.CRYPTO  # owner unresolved
    return a, b, AssetClass.EQUITY

from nautilus_trader.trading.trader import Trader
from nautilus_trader.system.kernel import NautilusKernel


def status(trader: Trader, kernel: NautilusKernel):
    ids = trader.component_ids()
    if kernel.is_running:
        return ids, kernel.trader_id()
    return ids, None

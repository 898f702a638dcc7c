"""Look-alikes: names that resemble changed upstream APIs but are our own.

NautilusTrader 1.221.0 removed nautilus_trader.analysis.statistics; nothing here imports it.
"""


class WinRate:
    """Our own win-rate counter (not nautilus_trader.analysis.statistics.win_rate.WinRate)."""

    def __init__(self) -> None:
        self.wins = 0
        self.trades = 0

    def add(self, pnl: float) -> None:
        self.trades += 1
        self.wins += pnl > 0

    @property
    def value(self) -> float:
        return self.wins / self.trades if self.trades else 0.0


def parse_instrument(symbol: str) -> tuple[str, str]:
    # Same name as the Polymarket helper renamed in 1.222.0, but ours splits "EUR/USD.SIM".
    pair, venue = symbol.split(".")
    return pair, venue


class Limits:
    enable_buys: bool = True
    enable_sells: bool = True

from demo.analysis.naming import Limits
from demo.analysis.naming import WinRate
from demo.analysis.naming import parse_instrument


def test_own_win_rate():
    w = WinRate()
    for pnl in (1.0, -2.0, 3.0, 4.0):
        w.add(pnl)
    assert w.value == 0.75


def test_own_parse_instrument():
    assert parse_instrument("EUR/USD.SIM") == ("EUR/USD", "SIM")
    assert Limits.enable_buys and Limits.enable_sells

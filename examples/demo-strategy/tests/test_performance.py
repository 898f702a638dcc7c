import pytest

from demo.analysis.performance import expectancy
from demo.analysis.performance import win_rate


def test_win_rate_counts_profitable_trades():
    assert win_rate([10.0, -5.0, 3.0, -1.0]) == pytest.approx(0.5)


def test_expectancy_weighs_wins_and_losses():
    assert expectancy([10.0, -5.0, 3.0]) == pytest.approx(8 / 3)

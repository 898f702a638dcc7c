import pytest

from demo.indicators.zscore import ZScore


def test_zscore_initializes_after_period():
    z = ZScore(3)
    z.update_raw(1.0)
    z.update_raw(2.0)
    assert not z.initialized
    z.update_raw(3.0)
    assert z.initialized
    assert z.value == pytest.approx(1.2247, abs=1e-4)


def test_zscore_reset():
    z = ZScore(2)
    z.update_raw(1.0)
    z.update_raw(5.0)
    z.reset()
    assert not z.initialized
    assert z.value == 0.0

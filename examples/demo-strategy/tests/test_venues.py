from demo.venues import cache_config
from demo.venues import fill_model
from demo.venues import venue_config


def test_fill_model_probabilities():
    assert fill_model().prob_fill_on_limit == 0.3


def test_venue_config():
    config = venue_config()
    assert config.name == "SIM"
    assert config.bar_execution


def test_cache_config_keeps_more_ticks():
    assert cache_config().tick_capacity == 50_000

from nautilus_trader.config import ImportableStrategyConfig

# "nautilus_trader.backtest.data.providers:TestDataProvider" in a comment stays
STRATEGY = ImportableStrategyConfig(
    strategy_path="nautilus_trader.backtest.data.providers:TestDataProvider",
    config_path='my_pkg.config:Cfg',
    config={},
)

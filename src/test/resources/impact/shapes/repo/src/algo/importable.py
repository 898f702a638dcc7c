from nautilus_trader.config import ImportableStrategyConfig

STRATEGY = ImportableStrategyConfig(
    strategy_path="nautilus_trader.examples.strategies.ema_cross:EMACross",
    config_path="nautilus_trader.config:BacktestDataConfig",
    config={"data_cls_path": "x", "catalog_path": "/data"},
)

from pathlib import Path

from nautilus_trader.analysis.statistics.returns_volatility import ReturnsVolatility
from nautilus_trader.persistence.catalog.parquet import ParquetDataCatalog


def refresh(path: Path) -> ParquetDataCatalog:
    catalog = ParquetDataCatalog(str(path))
    catalog.reset_catalog_file_names()
    return catalog


def stat():
    return ReturnsVolatility()

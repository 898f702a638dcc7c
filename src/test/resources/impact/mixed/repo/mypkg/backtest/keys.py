import os

import nautilus_trader.adapters.binance as binance

KEY = os.environ["BINANCE_ED25519_API_KEY"]
SECRET = os.environ.get("BINANCE_API_SECRET")
ACCOUNT = binance.BinanceAccountType.USDT_FUTURE

import os

# BINANCE_ED25519_API_KEY in a comment is left alone
KEY = os.environ["BINANCE_API_KEY"]
SECRET = os.environ.get('BINANCE_API_SECRET', "")

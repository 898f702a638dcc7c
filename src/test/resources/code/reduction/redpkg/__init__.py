from redpkg.strategies import Child  # re-export; USDT_FUTURE only in this comment

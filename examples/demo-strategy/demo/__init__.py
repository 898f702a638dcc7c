"""A small trading codebase built on NautilusTrader 1.220.0."""

"""A small stand-in for nautilus_trader 1.220.0: only what the proof tests ask of it."""

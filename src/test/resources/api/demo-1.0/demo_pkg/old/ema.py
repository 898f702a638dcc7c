class Ema:
    def __init__(self, period: int):
        self.period = period

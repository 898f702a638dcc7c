class AverageTrueRange:
    def __init__(self, period: int) -> None:
        self.period = period


class BollingerBands:
    def __init__(self, period: int, k: float) -> None:
        self.period = period

class MovingAverage:
    def __init__(self, period: int, price_type=None):
        self.period = period

    def update_raw(self, value: float) -> None:
        pass


class ExponentialMovingAverage(MovingAverage):
    @property
    def alpha(self) -> float:
        return 0.5

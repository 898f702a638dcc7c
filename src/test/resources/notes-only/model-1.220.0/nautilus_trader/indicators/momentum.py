class RelativeStrengthIndex:
    def __init__(self, period: int) -> None:
        self.period = period

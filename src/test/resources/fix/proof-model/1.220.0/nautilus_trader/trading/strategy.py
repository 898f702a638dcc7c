class Strategy:
    def __init__(self, config=None):
        self.config = config

    def on_start(self) -> None:
        pass

    def request_bars(self, bar_type, start=None, end=None, **kwargs) -> None:
        pass

class Strategy:
    def __init__(self, config=None):
        self.config = config

    def on_start(self) -> None:
        pass

    def request_bars(self, bar_type, start, end=None, **kwargs) -> None:
        pass

    def request_quote_ticks(self, instrument_id, start, end=None, **kwargs) -> None:
        pass

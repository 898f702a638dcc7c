from mypkg.compat import Strategy


class BaseStrat(Strategy):
    """Our common base; on_order_book_delta is mentioned here only in prose."""

    def log_state(self) -> None:
        self.log.info("state")

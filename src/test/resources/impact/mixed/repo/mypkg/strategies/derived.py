from .base import BaseStrat


class Derived(BaseStrat):
    def on_order_book_delta(self, delta):
        self.log_state()

    def on_stop(self):
        self.subscribe_book_at_interval(None, depth=5)

from .compat import BaseStrategy


class OurBase(BaseStrategy):
    def helper(self):
        return 1

from enum import Enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from demo_pkg.fast import Fast


class Mode(Enum):
    FAST = 1
    SLOW_MODE = 2


class Engine:
    """An engine."""

    def __init__(self, name: str, debug: bool = False):
        self.name = name
        self._secret = 1

    @property
    def status(self) -> str:
        return "ok"

    def run(self, start=None, limit: int = 10):
        pass

    def stop(self, force):
        pass

    def reset_all_things(self) -> None:
        pass

    def legacy(self):
        pass


def helper(a, b=1, *args, **kwargs):
    return a


def gone_function():
    pass


CONSTANT = 3

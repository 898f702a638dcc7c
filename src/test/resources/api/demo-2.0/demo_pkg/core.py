from enum import Enum


class Mode(Enum):
    FAST = 1
    SLOW = 2


class Base:
    def legacy_base(self):
        pass


class Engine(Base):
    """An engine."""

    def __init__(self, name: str, debug: bool = True):
        self.name = name

    def status(self) -> str:
        return "ok"

    def run(self, start, limit: int = 10):
        pass

    def stop(self, forced):
        pass

    def reset_all_items(self) -> None:
        pass


def helper(a, *args):
    return a


CONSTANT = 4

# cython: language_level=3
from demo_pkg.core import Engine


cpdef enum Side:
    BUY = 1
    SELL = 2


cdef class Fast:
    """
    A fast thing (with a docstring that says def fake(self): pass).
    """

    def __init__(self, int period, str mode not None = "x"):
        self.period = period

    cpdef double value(self, double x=0.0):
        return x

    @property
    def size(self):
        """The size."""
        return 1

    cpdef void update(self, double v, bint flag=False):
        def inner(z):
            return z
        pass

    cdef void _private(self):
        pass


def make_fast(int period, *, str mode="x") -> Fast:
    return Fast(period, mode)

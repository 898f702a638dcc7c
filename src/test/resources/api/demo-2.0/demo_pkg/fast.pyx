cpdef enum Side:
    BUY = 1
    SELL = 2


cdef class Fast:
    def __init__(self, int period, str mode not None = "x"):
        self.period = period

    cpdef double value(self, double y=0.0):
        return y

    @property
    def size(self):
        return 1

    cpdef void update(self, double v, bint flag=False):
        pass


def make_fast(int period, *, str mode="x") -> Fast:
    return Fast(period, mode)

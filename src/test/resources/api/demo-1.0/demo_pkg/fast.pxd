cdef class Fast:
    cdef readonly int period
    """The period."""
    cdef public double level
    cdef int _hidden

    cpdef double value(self, double x=*)

cdef class Fast:
    cdef readonly int period
    cdef int _hidden

    cpdef double value(self, double y=*)

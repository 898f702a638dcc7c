def nanos_to_unix_dt(ns):
    """Our own helper, same name as an old upstream function."""
    return ns / 1e9


def use():
    return nanos_to_unix_dt(1)

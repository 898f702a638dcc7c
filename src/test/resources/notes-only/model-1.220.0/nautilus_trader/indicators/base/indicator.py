class Indicator:
    pass

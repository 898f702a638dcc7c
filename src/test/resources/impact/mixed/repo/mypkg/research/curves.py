from mypkg.compat import InterestRateData


def make_curve(values):
    return InterestRateData(values)

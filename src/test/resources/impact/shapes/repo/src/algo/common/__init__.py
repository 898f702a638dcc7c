from .helpers import *  # noqa: F403

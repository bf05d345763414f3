from . import test_two_factor

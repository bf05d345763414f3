from . import test_dimension

from . import test_binary_policy

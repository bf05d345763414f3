from . import test_domain

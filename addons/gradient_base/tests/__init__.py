from . import test_platform_hardening

from . import two_factor

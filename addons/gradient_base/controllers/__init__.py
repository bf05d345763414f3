from . import two_factor
from . import mail

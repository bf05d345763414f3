from . import two_factor
from . import mail
from . import database_manager
from . import oidc
from . import report

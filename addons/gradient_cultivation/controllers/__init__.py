from . import portal
from . import portal_monthly
from . import publication

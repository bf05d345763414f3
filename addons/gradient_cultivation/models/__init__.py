from . import cultivation_library
from . import cultivation_territory
from . import res_users
from . import cultivation_enterprise

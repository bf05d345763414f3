from . import res_groups_two_factor
from . import res_users_two_factor
from . import res_users_authenticator
from . import res_authentication_attempt_two_factor

from . import ir_http_redirect
from . import ir_http_headers
from . import auditlog_secret
from . import res_authentication_attempt
from . import res_users_password_history

from . import res_users_authenticator_create
from . import db_backup_restore_wizard

from . import res_users_authenticator_create

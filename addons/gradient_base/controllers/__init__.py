from . import database_manager

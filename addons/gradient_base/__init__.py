from . import hardening
from . import models
from . import controllers
from . import wizards
from . import server

from . import hardening
from . import models
from . import controllers

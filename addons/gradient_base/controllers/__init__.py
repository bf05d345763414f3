from . import mail

from . import doc_access
from . import ir_http
from . import image_policy
from . import mail_followers
from . import mail_message
from . import mail_activity

from . import cultivation_application_review_wizard
from . import cultivation_reason_wizard
from . import cultivation_enterprise_invite_wizard

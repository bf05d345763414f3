from . import expert_state_wizard
from . import expert_request_reason_wizard
from . import expert_match_wizard

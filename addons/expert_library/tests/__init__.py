from . import test_domain
from . import test_mapping
from . import test_expert_state
from . import test_matching
from . import test_request_workflow
from . import test_rating
from . import test_access
from . import test_portal

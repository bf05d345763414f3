from . import expert_domain
from . import expert_domain_mapping
from . import expert_expert
from . import expert_certificate
from . import expert_service_request
from . import expert_service_record
from . import cultivation_enterprise

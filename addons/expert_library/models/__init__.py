from . import expert_domain

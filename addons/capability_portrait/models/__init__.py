from . import value_sources
from . import portrait_dimension
from . import portrait_scheme
from . import portrait_indicator
from . import portrait_evaluation
from . import cultivation_enterprise
from . import cultivation_application

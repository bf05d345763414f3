from . import test_credit_code
from . import test_library
from . import test_territory_access
from . import test_translations
from . import test_call
from . import test_application_workflow
from . import test_review_stages
from . import test_application_access

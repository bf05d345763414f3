from . import test_credit_code
from . import test_library
from . import test_territory_access
from . import test_translations

from . import xlsx_base
from . import cultivation_call_xlsx
from . import cultivation_membership_xlsx
from . import cultivation_evaluation_xlsx

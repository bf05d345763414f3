from . import cultivation_call_xlsx

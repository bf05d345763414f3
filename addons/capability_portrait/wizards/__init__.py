from . import portrait_evaluate_wizard

from . import portrait_dimension

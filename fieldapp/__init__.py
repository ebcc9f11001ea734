"""fieldapp — offline field survey for the 户户通 programme: no household left out."""

# The one place the version is written (pyproject.toml reads it from here). A constant, not
# importlib.metadata: looking the installed package up costs ~70 ms of every start-up.
__version__ = "0.1.0"

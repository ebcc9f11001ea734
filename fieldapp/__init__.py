"""fieldapp — offline field survey for the 户户通 programme: no household left out."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("fieldapp")
except PackageNotFoundError:  # running from a source tree without install
    __version__ = "0.0.0+src"

"""The CJK font embedded (as a subset) in every PDF, so a sheet prints the same anywhere.

The bundled copy in resources/fonts comes first; the system copy of the Debian package is a
fallback for development trees without the resource.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from fieldapp.core.messages import ErrorCode
from fieldapp.core.paths import resource_dir

from .errors import FontMissing

FONT = "WQYMicroHei"
_CANDIDATES = (
    resource_dir() / "fonts" / "wqy-microhei.ttc",
    Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
)


def font_path() -> Path:
    for p in _CANDIDATES:
        if p.is_file():
            return p
    raise FontMissing(ErrorCode.FONT_MISSING,
                      where=str(_CANDIDATES[0]))


def cjk_font() -> str:
    """Register the font once per process and return its name."""
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(font_path()), subfontIndex=0))
    return FONT

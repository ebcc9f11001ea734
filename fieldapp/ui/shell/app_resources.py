"""The bundled application icon and CJK font, loaded from resources/ (no window needed)."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QFontDatabase, QIcon

from fieldapp.core.paths import resource_dir


def app_icon() -> QIcon:
    icon = QIcon()
    for png in sorted((resource_dir() / "icons").glob("fieldapp-*.png")):
        # The size from the name (fieldapp-48.png): Qt reads a file only when that size is drawn.
        size = png.stem.rpartition("-")[2]
        icon.addFile(str(png), QSize(int(size), int(size)) if size.isdigit() else QSize())
    return icon


def load_bundled_fonts() -> list[str]:
    """Register the shipped CJK font so Chinese shows on a machine without one."""
    families: list[str] = []
    for font in sorted((resource_dir() / "fonts").glob("*.tt[cf]")):
        font_id = QFontDatabase.addApplicationFont(str(font))
        if font_id >= 0:
            families += QFontDatabase.applicationFontFamilies(font_id)
    return families

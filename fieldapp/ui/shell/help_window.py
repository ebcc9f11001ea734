"""Help → User guide: the shipped Chinese guide (docs/user-guide-zh.md with its screenshots),
shown inside the program so it reads the same on every machine."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from fieldapp.core.paths import resource_dir
from fieldapp.ui.widgets.screen_fit import fit_to_screen

GUIDE_NAME = "user-guide-zh.md"


def guide_path() -> Path:
    """docs/user-guide-zh.md beside resources/ (source tree and installed build alike)."""
    return resource_dir().parent / "docs" / GUIDE_NAME


def heading_slug(text: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    return re.sub(r"[^\w\- ]", "", text.strip().lower()).replace(" ", "-")


class HelpWindow(QDialog):
    def __init__(self, parent: QWidget | None = None, path: Path | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("fieldapp user guide"))
        self.path = path or guide_path()
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._link)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        fit_to_screen(self, 960, 700)
        self.load()

    def load(self) -> bool:
        if not self.path.is_file():
            self.browser.setPlainText(self.tr("The user guide is missing: %1")
                                      .replace("%1", str(self.path)))
            return False
        self.browser.setSearchPaths([str(self.path.parent)])
        self.browser.document().setBaseUrl(QUrl.fromLocalFile(str(self.path)))
        self.browser.setMarkdown(self.path.read_text(encoding="utf-8"))
        return True

    def scroll_to_heading(self, fragment: str) -> bool:
        """Markdown links like (#4-入户核查表) name headings the GitHub way; Qt makes no
        anchors for headings, so find the heading by its slug and scroll to it."""
        doc = self.browser.document()
        block = doc.begin()
        while block.isValid():
            if block.blockFormat().headingLevel() and heading_slug(block.text()) == fragment:
                top = doc.documentLayout().blockBoundingRect(block).top()
                self.browser.verticalScrollBar().setValue(int(top))
                return True
            block = block.next()
        return False

    def _link(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)
        elif url.hasFragment() and (not url.path() or url.path().endswith(GUIDE_NAME)):
            self.scroll_to_heading(url.fragment())
        else:
            QDesktopServices.openUrl(url)

"""Help → User guide: the shipped Chinese guide (docs/user-guide-zh.md with its screenshots),
shown inside the program so it reads the same on every machine."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from fieldapp.paths import resource_dir

GUIDE_NAME = "user-guide-zh.md"


def guide_path() -> Path:
    """docs/user-guide-zh.md beside resources/ (source tree and installed build alike)."""
    return resource_dir().parent / "docs" / GUIDE_NAME


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
        self.resize(960, 700)
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

    def _link(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)
        elif url.hasFragment() and (not url.path() or url.path().endswith(GUIDE_NAME)):
            self.browser.scrollToAnchor(url.fragment())
        else:
            QDesktopServices.openUrl(url)

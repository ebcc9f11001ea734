"""Open a generated PDF (or folder) in the system viewer, or send it to a printer."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QMessageBox


def _t(text: str) -> str:
    return QCoreApplication.translate("SheetsPrint", text)


def open_in_viewer(path: str | os.PathLike) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(path).resolve())))


def print_pdf(parent, path: str | os.PathLike) -> bool:
    """Windows: the PDF viewer's own print command. Elsewhere: choose a printer and copies in
    Qt's print dialog, then hand the file to CUPS (lp). Without lp, open the viewer instead."""
    path = Path(path)
    if sys.platform == "win32":
        try:
            os.startfile(str(path), "print")  # type: ignore[attr-defined]
            return True
        except OSError:
            return open_in_viewer(path)
    lp = shutil.which("lp")
    if lp is None:
        QMessageBox.information(parent, _t("Print"), _t(
            "No print service (lp) was found. The file opens in the PDF viewer; print from there."))
        return open_in_viewer(path)
    printer = QPrinter()
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(_t("Print %1").replace("%1", path.name))
    if dialog.exec() != QPrintDialog.Accepted:
        return False
    cmd = [lp, "-n", str(max(1, printer.copyCount()))]
    if printer.printerName():
        cmd += ["-d", printer.printerName()]
    cmd += ["-o", "media=A4", "-o", "fit-to-page", str(path)]
    res = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if res.returncode != 0:
        QMessageBox.warning(parent, _t("Print"), _t("The printer did not accept the file: %1")
                            .replace("%1", (res.stderr or res.stdout).strip()))
        return False
    return True

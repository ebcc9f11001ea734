"""打印入户核查确认表: choose what to print (this village, or every village of the township as a
folder of PDFs or one combined PDF), generate on a worker thread with progress and cancel, then
open the result or print it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.core.divisions import level_of, township_of
from fieldapp.reports.errors import Cancelled
from fieldapp.reports.sheets_job import make_sheets
from fieldapp.store import sheets_rows

from .errors import show_error
from .import_job import JobRunner
from .sheets_print import open_in_viewer, print_pdf

VILLAGE, TOWN_FOLDER, TOWN_COMBINED, COUNTY_FOLDER = range(4)


class SheetsDialog(QDialog):
    def __init__(self, store, area_code: str | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(self.tr("Print verification sheets"))
        self.result_path: Path | None = None
        code = area_code or (store.setting("county_code") or "")
        self.level = level_of(code) if code else "county"
        self.village = code if self.level == "village" else None
        self.township = township_of(code) if self.level != "county" else None
        self.county = code[:6] + "000000"
        names = sheets_rows.area_names(store, code) if code else {}
        self.names = names

        self.area = QLabel(" · ".join(names.get(c, "") for c in
                                      (self.county, self.township, self.village) if c))
        self.scope = QButtonGroup(self)
        self.options: dict[int, QRadioButton] = {}
        texts = {
            VILLAGE: self.tr("This village: one PDF"),
            TOWN_FOLDER: self.tr("Every village of the township: one PDF each, in a folder"),
            TOWN_COMBINED: self.tr("Every village of the township: one combined PDF with bookmarks"),
            COUNTY_FOLDER: self.tr("Every village of the county: a folder per township"),
        }
        box = QVBoxLayout()
        for key, text in texts.items():
            rb = QRadioButton(text)
            self.scope.addButton(rb, key)
            self.options[key] = rb
            box.addWidget(rb)
        self.options[VILLAGE].setEnabled(self.village is not None)
        self.options[TOWN_FOLDER].setEnabled(self.township is not None)
        self.options[TOWN_COMBINED].setEnabled(self.township is not None)
        first = VILLAGE if self.village else TOWN_FOLDER if self.township else COUNTY_FOLDER
        self.options[first].setChecked(True)
        self.places = QCheckBox(self.tr("Add the township's public places sheet"))
        self.places.setChecked(True)
        box.addWidget(self.places)

        self.output = QLineEdit()
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self.browse)
        out_row = QHBoxLayout()
        out_row.addWidget(self.output, 1)
        out_row.addWidget(browse)

        form = QFormLayout()
        form.addRow(self.tr("Area:"), self.area)
        form.addRow(self.tr("Print:"), box)
        form.addRow(self.tr("Save to:"), out_row)

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.generate_button = QPushButton(self.tr("Generate"))
        self.generate_button.setDefault(True)
        self.generate_button.clicked.connect(self.generate)
        self.open_button = QPushButton(self.tr("Open"))
        self.open_button.clicked.connect(lambda: open_in_viewer(self.result_path))
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.clicked.connect(lambda: print_pdf(self, self.result_path))
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        for b in (self.open_button, self.print_button):
            b.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.generate_button)
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.scope.idToggled.connect(self._scope_changed)
        self._scope_changed(first, True)
        self.resize(640, 0)

    # ----- choices -----------------------------------------------------------------------
    def choice(self) -> int:
        return self.scope.checkedId()

    def code(self) -> str:
        c = self.choice()
        return {VILLAGE: self.village, COUNTY_FOLDER: self.county}.get(c) or self.township or ""

    def is_folder(self) -> bool:
        return self.choice() in (TOWN_FOLDER, COUNTY_FOLDER)

    def suggested_path(self) -> Path:
        base = Path(self.store.path).resolve().parent
        code = self.code()
        name = self.names.get(code, "")
        short = code if self.choice() == VILLAGE else code[:9] if self.township else code[:6]
        if self.choice() == VILLAGE:
            return base / f"{short}_{name}_入户核查确认表.pdf"
        if self.choice() == TOWN_COMBINED:
            return base / f"{short}_{name}_入户核查确认表（合并）.pdf"
        return base / f"{short}_{name}_入户核查确认表"

    def _scope_changed(self, key: int, checked: bool) -> None:
        if checked:
            self.output.setText(str(self.suggested_path()))
            self.places.setEnabled(key != VILLAGE)

    def browse(self) -> None:
        current = self.output.text() or str(self.suggested_path())
        if self.is_folder():
            path = QFileDialog.getExistingDirectory(self, self.tr("Folder for the sheets"),
                                                    str(Path(current).parent))
            if path:
                path = str(Path(path) / Path(current).name)
        else:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Save sheets as"), current,
                                                  self.tr("PDF (*.pdf)"))
        if path:
            self.output.setText(path)

    # ----- work --------------------------------------------------------------------------
    def generate(self) -> bool:
        out = self.output.text().strip()
        if not out:
            QMessageBox.warning(self, self.windowTitle(), self.tr("Choose where to save."))
            return False
        if not self.is_folder() and not out.lower().endswith(".pdf"):
            out += ".pdf"
            self.output.setText(out)
        db, code, combined = self.store.path, self.code(), not self.is_folder()
        places = self.places.isChecked()
        user = self.store.setting("surveyor") or ""

        def job(progress):
            return make_sheets(db, code, out, combined=combined, places=places,
                               progress=progress, user=user)

        try:
            res = JobRunner(self).run(self.tr("Generating verification sheets…"), job)
        except Cancelled:
            self.status.setText(self.tr("Cancelled. No file was written."))
            return False
        except Exception as exc:  # noqa: BLE001 - every failure becomes a dialog
            show_error(self, exc, self.tr("Cannot generate the sheets"))
            return False
        self.result_path = res.path
        self.status.setText(
            self.tr("Written %1: %2 sheets, %3 pages, %4 households.")
            .replace("%1", str(res.path)).replace("%2", str(res.sheets))
            .replace("%3", str(res.pages)).replace("%4", str(res.households)))
        self.open_button.setEnabled(True)
        self.print_button.setEnabled(not self.is_folder())
        return True

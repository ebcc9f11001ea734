"""打印入户核查确认表: choose what to print (this village, or every village of the township as a
folder of PDFs or one combined PDF), generate on a worker thread with progress and cancel, then
open the result or print it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.core.divisions import level_of, township_of
from fieldapp.jobs.sheets import make_sheets
from fieldapp.store.reports import sheet_rows as sheets_rows

from fieldapp.ui.widgets.output_dialog import OutputDialog
from fieldapp.ui.reports.county_key import CANCELLED, ask_signing_key
from fieldapp.ui.reports.sheets_print import print_pdf

VILLAGE, TOWN_FOLDER, TOWN_COMBINED, COUNTY_FOLDER = range(4)


class SheetsDialog(OutputDialog):
    def __init__(self, store, area_code: str | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(self.tr("Print verification sheets"))
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

        form = QFormLayout()
        form.addRow(self.tr("Area:"), self.area)
        form.addRow(self.tr("Print:"), box)
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.setEnabled(False)
        self.print_button.clicked.connect(lambda: print_pdf(self, self.result_path))
        self.finish(form, (self.print_button,))
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
        key = ask_signing_key(self, self.store)  # at the county: signed like `fieldapp sheets`
        if key is CANCELLED:
            return False
        db, code, combined = self.store.path, self.code(), not self.is_folder()
        places = self.places.isChecked()
        user = self.store.setting("surveyor") or ""

        def job(progress):
            return make_sheets(db, code, out, combined=combined, places=places,
                               progress=progress, user=user, signing_key=key)

        res = self.run_job(self.tr("Generating verification sheets…"), job,
                           self.tr("Cannot generate the sheets"))
        if res is None:
            return False
        self.result_path = res.path
        self.status.setText(
            self.tr("Written %1: %2 sheets, %3 pages, %4 households.")
            .replace("%1", str(res.path)).replace("%2", str(res.sheets))
            .replace("%3", str(res.pages)).replace("%4", str(res.households)))
        self.open_button.setEnabled(True)
        self.print_button.setEnabled(not self.is_folder())
        return True

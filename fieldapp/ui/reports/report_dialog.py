"""覆盖情况报表: the county's or a township's report as PDF or Excel, generated on a worker thread
with progress and cancel, then opened."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QComboBox, QFileDialog, QFormLayout, QWidget

from fieldapp.core.divisions import level_of, township_of
from fieldapp.jobs.coverage_report import make_report
from fieldapp.store import Store
from fieldapp.store.reports import sheet_rows as sheets_rows

from fieldapp.ui.widgets.output_dialog import OutputDialog
from fieldapp.ui.widgets.export_names import suggested_path


class ReportDialog(OutputDialog):
    def __init__(self, store, area_code: str | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(self.tr("Coverage report"))
        county = (store.setting("county_code") or "").ljust(12, "0")[:12]
        names = sheets_rows.area_names(store, area_code or county)
        self.scope = QComboBox()
        self.scope.addItem(self.tr("Whole county: %1").replace("%1", names.get(county, county)),
                           county)
        if area_code and level_of(area_code) != "county":
            town = township_of(area_code)
            self.scope.addItem(self.tr("Township: %1").replace("%1", names.get(town, town)), town)
            self.scope.setCurrentIndex(1)
        self.format = QComboBox()
        self.format.addItem(self.tr("PDF (to print)"), ".pdf")
        self.format.addItem(self.tr("Excel workbook"), ".xlsx")
        form = QFormLayout()
        form.addRow(self.tr("Area:"), self.scope)
        form.addRow(self.tr("Format:"), self.format)
        self.finish(form)
        self.scope.currentIndexChanged.connect(self._suggest)
        self.format.currentIndexChanged.connect(self._suggest)
        self._names = names
        self._suggest()
        self.resize(600, 0)

    def _suggest(self, *_args) -> None:
        self.output.setText(suggested_path(self.store, "覆盖情况报表", self.format.currentData(),
                                           self.scope.currentData()))

    def browse(self) -> None:
        suffix = self.format.currentData()
        filt = self.tr("PDF (*.pdf)") if suffix == ".pdf" else self.tr("Excel workbook (*.xlsx)")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save report as"),
                                              self.output.text(), filt)
        if path:
            self.output.setText(path)

    def generate(self) -> bool:
        out = self.output.text().strip()
        suffix = self.format.currentData()
        if not out.lower().endswith(suffix):
            out = str(Path(out).with_suffix(suffix))
            self.output.setText(out)
        db, code = self.store.path, self.scope.currentData()

        def job(progress):
            with Store.open(db, readonly=True) as reader:  # this thread's own connection
                return make_report(reader, out, code, progress=progress)

        data = self.run_job(self.tr("Generating the report…"), job,
                            self.tr("Cannot generate the report"))
        if data is None:
            return False
        self.result_path = Path(out)
        rate = "—" if data.total.rate is None else f"{100 * data.total.rate:.1f}%"
        self.status.setText(self.tr("Written %1: %2 households, coverage %3.")
                            .replace("%1", out).replace("%2", str(data.total.households))
                            .replace("%3", rate))
        self.open_button.setEnabled(True)
        return True

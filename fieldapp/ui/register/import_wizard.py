"""The register import wizard (文件 → 导入花名册): choose the file → check the detected header row
and column mapping (editable) → dry-run summary with every rejected row → import with progress
and cancel → result. The work itself is fieldapp.jobs.register_import, shared with the CLI."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMessageBox, QWizard

from fieldapp.core.progress import Cancelled
from fieldapp.store.register_imports.plan_apply import areas
from fieldapp.jobs.register_import import RegisterResult, import_register

from fieldapp.ui.widgets.errors import show_error
from fieldapp.ui.widgets.job_runner import JobRunner
from fieldapp.ui.register.import_pages import CheckPage, DonePage, MappingPage, SourcePage
from fieldapp.ui.widgets.screen_fit import fit_to_screen


class ImportRegisterWizard(QWizard):
    """`imported` is emitted after a successful import (the main window refreshes)."""

    imported = Signal()

    def __init__(self, store, parent=None, path: str = ""):
        super().__init__(parent)
        self.store = store
        self.table = None
        self.layout_ = None
        self.check: RegisterResult | None = None
        self.result: RegisterResult | None = None
        self.setWindowTitle(self.tr("Import household register"))
        self.setWizardStyle(QWizard.ClassicStyle)
        fit_to_screen(self, 980, 640)
        villages = [a for a in areas(store) if a.level in ("township", "village")]
        self.source = SourcePage(villages, path)
        self.mapping = MappingPage()
        self.checking = CheckPage()
        self.done_page = DonePage()
        for page in (self.source, self.mapping, self.checking, self.done_page):
            self.addPage(page)
        self.setButtonText(QWizard.CommitButton, self.tr("Import"))

    # ----- the two jobs ------------------------------------------------------------------
    def _run(self, dry_run: bool) -> RegisterResult | None:
        columns = self.layout_.columns if self.layout_ else None
        header = self.layout_.header_row + 1 if self.layout_ else None

        def job(progress):
            return import_register(self.store, self.table.path, village=self.source.village(),
                                   dry_run=dry_run, header_row=header, columns=columns,
                                   table=self.table, progress=progress,
                                   reuse=None if dry_run else self.check, back_up_first=True)

        runner = JobRunner(self)
        text = self.tr("Checking the register…") if dry_run else self.tr("Importing…")
        try:
            return runner.run(text, job)
        except Cancelled:
            QMessageBox.information(self, self.windowTitle(),
                                    self.tr("Cancelled. Nothing was changed in the database."))
        except Exception as exc:  # noqa: BLE001 - every failure becomes a dialog
            show_error(self, exc, self.tr("Cannot import the register"))
        return None

    def dry_run(self) -> RegisterResult | None:
        self.check = self._run(dry_run=True)
        return self.check

    def run_import(self) -> RegisterResult | None:
        self.result = self._run(dry_run=False)
        if self.result is not None:
            self.imported.emit()
        return self.result


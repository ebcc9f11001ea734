"""A window around the visit form for one household: opened from the household list (Enter or
double-click) or the detail panel; closes itself when the visit is completed."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTimer, Signal
from PySide6.QtWidgets import QDialog, QVBoxLayout

from fieldapp.survey.model import Form
from fieldapp.store.form_source import visit_form
from fieldapp.survey.registry import HOUSEHOLD_FORM

from fieldapp.ui.widgets.errors import show_error
from fieldapp.ui.visit.visit_form import VisitFormWidget
from fieldapp.ui.widgets.screen_fit import fit_to_screen


class VisitFormDialog(QDialog):
    visitChanged = Signal(str)  # household uuid whose status may have changed

    def __init__(self, store, household_uuid: str, form: Form, visit_uuid: str | None = None,
                 parent=None):
        super().__init__(parent)
        self.form_widget = VisitFormWidget(store, household_uuid, form, visit_uuid, self)
        self.setWindowTitle(self.tr("Visit checklist — %1").replace(
            "%1", self.form_widget.household.get("head_name", "")))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.form_widget)
        fit_to_screen(self, 760, 690)
        self.form_widget.completed.connect(self._completed)
        self.form_widget.historyRequested.connect(self._history)

    @classmethod
    def for_household(cls, store, household_uuid: str, parent=None,
                      visit_uuid: str | None = None) -> VisitFormDialog | None:
        """The dialog with the household checklist (a draft's own version, else the newest one
        published or shipped); None (after a message) if the checklist cannot be loaded."""
        try:
            form = visit_form(store, household_uuid, HOUSEHOLD_FORM, visit_uuid)
        except Exception as exc:  # noqa: BLE001 - a broken forms/ folder is a message
            show_error(parent, exc, QCoreApplication.translate(
                "VisitFormDialog", "Cannot open the checklist"))
            return None
        return cls(store, household_uuid, form, visit_uuid, parent)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self.form_widget.read_only:
            QTimer.singleShot(0, self.form_widget.focus_next)

    def _completed(self, household_uuid: str) -> None:
        self.visitChanged.emit(household_uuid)
        if self.form_widget.read_only:
            self.accept()

    def _history(self, household_uuid: str) -> None:
        from fieldapp.ui.households.history_dialog import HistoryDialog

        HistoryDialog(self.form_widget.store, household_uuid, self.form_widget.form, self).open()

    def done(self, result: int) -> None:
        self.form_widget.flush()  # Esc or the window's close button: the draft stays saved
        super().done(result)

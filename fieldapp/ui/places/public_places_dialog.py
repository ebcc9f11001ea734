"""A window around the public-place checklist (forms/public_place.xlsx) for one place, new or
existing: the same checklist widget as the household visit, every answer saved at once; closes
itself when the checklist is completed."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTimer, Signal
from PySide6.QtWidgets import QDialog, QVBoxLayout

from fieldapp.survey.model import Form
from fieldapp.store.form_source import place_form

from fieldapp.ui.widgets.errors import show_error
from fieldapp.ui.places.public_places_record import PublicPlaceRecord
from fieldapp.ui.visit.visit_form import VisitFormWidget
from fieldapp.ui.widgets.screen_fit import fit_to_screen


class PublicPlaceDialog(QDialog):
    placeChanged = Signal(str)  # place uuid, after each save and on completion

    def __init__(self, store, form: Form, place_uuid: str | None = None,
                 area_code: str | None = None, area_name: str = "", parent=None,
                 language: str | None = None):
        super().__init__(parent)
        self.record = PublicPlaceRecord(store, form, place_uuid, area_code, area_name)
        self.form_widget = VisitFormWidget(store, None, form, parent=self, language=language,
                                           record=self.record)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.form_widget)
        fit_to_screen(self, 760, 640)
        self._update_title()
        self.form_widget.saved.connect(self._saved)
        self.form_widget.completed.connect(self._completed)

    @classmethod
    def open_for(cls, store, parent=None, *, place_uuid: str | None = None,
                 area_code: str | None = None, area_name: str = "") -> PublicPlaceDialog | None:
        """The dialog with the public-place checklist (the place's own version, else the newest
        one published or shipped); None (after a message) if the checklist cannot be loaded."""
        try:
            form = place_form(store, place_uuid)
        except Exception as exc:  # noqa: BLE001 - a broken forms/ folder is a message
            show_error(parent, exc, QCoreApplication.translate(
                "PublicPlaceDialog", "Cannot open the checklist"))
            return None
        return cls(store, form, place_uuid, area_code, area_name, parent)

    @property
    def place_uuid(self) -> str | None:
        return self.record.place_uuid

    def _update_title(self) -> None:
        title = self.record.title()
        self.setWindowTitle(self.tr("Public place checklist — %1").replace("%1", title))
        self.form_widget.title.setText(title)

    def _saved(self, uuid: str) -> None:
        self._update_title()  # the name may have just been typed
        self.placeChanged.emit(uuid)

    def _completed(self, uuid: str) -> None:
        self.placeChanged.emit(uuid)
        if self.form_widget.read_only:
            self.accept()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self.form_widget.read_only:
            QTimer.singleShot(0, self.form_widget.focus_next)

    def done(self, result: int) -> None:
        self.form_widget.flush()  # Esc or the window's close button: the draft stays saved
        super().done(result)

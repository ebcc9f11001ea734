"""Right panel: the selected household — register data, status, visits and change history."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout, QGroupBox, QLabel, QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout,
    QWidget,
)

from fieldapp.store.households import queries

from fieldapp.ui.shell.i18n import form_language

from fieldapp.ui.widgets.labels import STATUS_COLORS, reason_label, status_label


class HouseholdDetail(QWidget):
    visitRequested = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.store = None
        self.uuid: str | None = None
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.status = QLabel()
        self.fields: dict[str, QLabel] = {}
        form = QFormLayout()
        for key, label in (
            ("village_name", self.tr("Village")),
            ("group_no", self.tr("Group")),
            ("size", self.tr("Persons")),
            ("phone", self.tr("Phone")),
            ("id_masked", self.tr("ID number")),
            ("address", self.tr("Address")),
            ("location", self.tr("Location")),
            ("notes", self.tr("Notes")),
        ):
            value = QLabel()
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextSelectableByMouse)
            self.fields[key] = value
            form.addRow(label + ":", value)
        self.visit_button = QPushButton(self.tr("Visit checklist…"))
        self.visit_button.setEnabled(False)
        self.visit_button.clicked.connect(lambda: self.uuid and self.visitRequested.emit(self.uuid))
        self.visits = QTreeWidget()
        self.visits.setHeaderLabels([self.tr("Date"), self.tr("State"), self.tr("Surveyor")])
        self.visits.setRootIsDecorated(False)
        self.history = QTreeWidget()
        self.history.setHeaderLabels(
            [self.tr("Time"), self.tr("Field"), self.tr("Old"), self.tr("New"), self.tr("By")])
        self.history.setRootIsDecorated(False)
        visits_box = QGroupBox(self.tr("Visits"))
        QVBoxLayout(visits_box).addWidget(self.visits)
        history_box = QGroupBox(self.tr("Change history"))
        QVBoxLayout(history_box).addWidget(self.history)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.status)
        layout.addLayout(form)
        layout.addWidget(self.visit_button)
        layout.addWidget(visits_box, 1)
        layout.addWidget(history_box, 1)
        self.show_household(None)

    def set_store(self, store) -> None:
        self.store = store
        self.show_household(None)

    def refresh(self) -> None:
        self.show_household(self.uuid)

    def show_household(self, uuid: str | None) -> None:
        self.uuid = uuid
        hh = queries.household(self.store, uuid) if (self.store and uuid) else None
        self.visit_button.setEnabled(hh is not None)
        self.visits.clear()
        self.history.clear()
        if hh is None:
            self.title.setText(self.tr("No household selected"))
            self.status.clear()
            for label in self.fields.values():
                label.clear()
            return
        self.title.setText(hh["head_name"])
        color = STATUS_COLORS.get(hh["status"])
        text = status_label(hh["status"])
        if hh["status_reason"]:
            text += " — " + reason_label(hh["status_reason"])
        self.status.setText(text)
        self.status.setStyleSheet(f"color: {color.name() if color else 'black'}; font-weight: bold;")
        values = dict(hh)
        values["location"] = (f"{hh['lon']:.6f}, {hh['lat']:.6f}" if hh["lon"] is not None
                              else self.tr("not located"))
        if hh["lon"] is not None and hh.get("outside_confirmed_m") is not None:
            values["location"] += " " + self.tr("(%1 m outside its village, confirmed)").replace(
                "%1", f"{hh['outside_confirmed_m']:,.0f}")
        for key, label in self.fields.items():
            v = values.get(key)
            label.setText("" if v is None else str(v))
        visits = queries.visits_of(self.store, uuid)
        for v in visits:
            state = self.tr("Complete") if v["state"] == "complete" else self.tr("Draft")
            QTreeWidgetItem(self.visits, [(v["ended_at"] or v["started_at"] or "")[:16].replace("T", " "), state,
                                          v["surveyor"] or ""])
        from fieldapp.store.visits import household_history  # with the change log: when needed

        history = household_history(self.store, uuid, limit=200)
        if not history:
            return
        # The checklist (its workbook takes a while to read) only for answers to show in its words.
        from fieldapp.ui.households.history_dialog import describe_change

        answers = any(h["tbl"] == "visits" and h["field"].startswith("answers.") for h in history)
        form = _household_form(self.store) if answers else None
        language = form_language()
        for h in history:
            label, old, new = describe_change(form, h, language)
            QTreeWidgetItem(self.history, [h["at"][:16].replace("T", " "), label, old, new,
                                           h["user"] or ""])


def _household_form(store):
    """The current household checklist, for showing history in the form's words (None if the
    workbook cannot be loaded: raw field names are shown then)."""
    from fieldapp.store.form_source import current_form
    from fieldapp.survey.registry import HOUSEHOLD_FORM

    try:
        return current_form(store, HOUSEHOLD_FORM)
    except Exception:  # noqa: BLE001 - history stays readable without labels
        return None

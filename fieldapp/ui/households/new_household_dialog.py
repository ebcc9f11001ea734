"""新发现户: a short dialog to record a household the register does not know, from the household
list or the map (Ctrl+N, or the button). Village and group come from the selection, the position
from the last map click (or typed); saving opens the visit checklist at once."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
    QPushButton, QVBoxLayout,
)

from fieldapp.core.errors import FieldappError
from fieldapp.ui.shell.i18n import form_language
from fieldapp.store.households import queries


class NewHouseholdDialog(QDialog):
    def __init__(self, store, parent=None, *, village: str | None = None, group: str = "",
                 position: tuple[float, float] | None = None):
        super().__init__(parent)
        self.store = store
        self.household_id: str | None = None
        self.setWindowTitle(self.tr("New household found in the field"))
        # Loaded with the dialog, not with the main window (the register rules come with them).
        from fieldapp.store.household_add import village_choices

        self.village = QComboBox()
        for code, label in village_choices(store):
            self.village.addItem(f"{label}（{code}）", code)
        if village and (i := self.village.findData(village)) >= 0:
            self.village.setCurrentIndex(i)
        self.group = QLineEdit(group)
        self.name = QLineEdit()
        self.door = QLineEdit()
        self.phone = QLineEdit()
        self.id_number = QLineEdit()
        self.lat, self.lon = QLineEdit(), QLineEdit()
        if position:
            self.lon.setText(f"{position[0]:.6f}")
            self.lat.setText(f"{position[1]:.6f}")
        pos = QHBoxLayout()
        pos.addWidget(QLabel(self.tr("Latitude")))
        pos.addWidget(self.lat)
        pos.addWidget(QLabel(self.tr("Longitude")))
        pos.addWidget(self.lon)
        form = QFormLayout()
        form.addRow(self.tr("Village"), self.village)
        form.addRow(self.tr("Group"), self.group)
        form.addRow(self.tr("Head of household"), self.name)
        form.addRow(self.tr("Door number"), self.door)
        form.addRow(self.tr("Phone (optional)"), self.phone)
        form.addRow(self.tr("ID number (optional)"), self.id_number)
        form.addRow(self.tr("Position (optional)"), pos)
        hint = QLabel(self.tr("Tip: in the map's place mode, click where the house is before "
                              "pressing Ctrl+N to fill in the position."))
        hint.setWordWrap(True)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.save = buttons.button(QDialogButtonBox.Ok)
        self.save.setText(self.tr("Save and start the visit"))  # Enter saves (the default button)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.name.setFocus()

    def _number(self, edit: QLineEdit, label: str) -> float | None:
        text = edit.text().strip()
        if not text:
            return None
        try:
            return float(text)
        except ValueError:
            raise FieldappError(self.tr("%1 is not a number: %2").replace("%1", label)
                                .replace("%2", text)) from None

    def accept(self) -> None:
        from fieldapp.core.field_household import NewHousehold
        from fieldapp.store.household_add import add_field_household

        try:
            new = NewHousehold(
                self.village.currentData() or "", self.name.text(), self.group.text(),
                self.door.text(), self.phone.text(), self.id_number.text(),
                self._number(self.lat, self.tr("Latitude")),
                self._number(self.lon, self.tr("Longitude")))
            user = str(QSettings().value("profile/surveyor", "") or
                       self.store.setting("surveyor") or "")
            self.household_id = add_field_household(self.store, new, user=user or None)
        except FieldappError as exc:
            self.error.setText(exc.text(form_language()))
            return
        super().accept()


def _prefill(window) -> dict:
    """Village and group from what is selected (household first, then the area tree), position
    from the map's last click in place mode."""
    out: dict = {"position": getattr(window.built_tab("map_view"), "last_click", None)}
    uuid = window.table.current_uuid()
    hh = queries.household(window.store, uuid) if uuid else None
    if hh:
        out.update(village=hh["village_code"], group=hh.get("group_no") or "")
    elif window.table.area_code and not window.table.area_code.endswith("000"):
        out["village"] = window.table.area_code
    return out


def open_new_household(window) -> None:
    if window.store is None:
        return
    dlg = NewHouseholdDialog(window.store, window, **_prefill(window))
    dlg.setAttribute(Qt.WA_DeleteOnClose)
    window.new_household_dialog = dlg

    def done(result: int) -> None:
        if result == QDialog.Accepted and dlg.household_id:
            uuid = dlg.household_id
            if (view := window.built_tab("map_view")) is not None:
                view.last_click = None
            window.refresh()
            window.select_household(uuid)
            window.open_visit(uuid)

    dlg.finished.connect(done)
    dlg.open()


def attach_new_household(window) -> QAction:
    """Ctrl+N and a button above the household list open the dialog."""
    action = QAction(window.tr("New household found in the &field…"), window,
                     shortcut=QKeySequence("Ctrl+N"))
    action.triggered.connect(lambda: open_new_household(window))
    window.view_menu.addAction(action)
    window.addAction(action)
    button = QPushButton(window.tr("+ New household"))
    button.setToolTip(window.tr("Record a household found in the field (Ctrl+N)"))
    button.clicked.connect(action.trigger)
    window.table.top_bar.addWidget(button)
    window.when_tab_built("map_view", lambda view: view.toolbar.addAction(action))
    return action

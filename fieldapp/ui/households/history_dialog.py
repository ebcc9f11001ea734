"""A household's change history: every answer and register change with who, which device,
when, the old and the new value. Field names and choice codes are shown as the form labels."""

from __future__ import annotations

import json

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from fieldapp.store import visits as V
from fieldapp.survey.model import Form

from fieldapp.ui.shell.i18n import form_language
from fieldapp.ui.widgets.screen_fit import fit_to_screen


def _t(text: str) -> str:
    return QCoreApplication.translate("HistoryDialog", text)


def _household_field(name: str) -> str:
    return {
        "head_name": _t("Household head"), "group_no": _t("Group"), "size": _t("Persons"),
        "phone": _t("Phone"), "id_masked": _t("ID number"), "address": _t("Address"),
        "lon": _t("Longitude"), "lat": _t("Latitude"), "notes": _t("Notes"),
        "village_code": _t("Village"), "merged_into": _t("Merged into"),
        "deleted": _t("Deleted"),
    }.get(name, name)


def describe_change(form: Form | None, entry: dict, language: str) -> tuple[str, str, str]:
    """(field label, old, new) of one audit entry, in the words of the form."""
    field, old, new = entry["field"], entry["old"] or "", entry["new"] or ""
    if entry["tbl"] != "visits":
        return _household_field(field), old, new
    if field == "state":
        states = {"draft": _t("Draft"), "complete": _t("Complete")}
        return _t("Visit state"), states.get(old, old), states.get(new, new)
    if field == "ended_at":
        return _t("Completed at"), old[:19].replace("T", " "), new[:19].replace("T", " ")
    name = field.removeprefix("answers.")
    if form is not None and name in form.repeats:
        label = form.text(form.groups[name].labels, language) or name
        return label, _instances(form, name, old), _instances(form, name, new)
    f = form.fields.get(name) if form else None
    if f is None:
        return name, old, new
    label = form.text(f.labels, language) or name

    def show(value: str) -> str:
        if f.is_select and value:
            return "、".join(form.choice_label(f, v, language) for v in value.split())
        if f.type == "image" and value:
            return _t("photo %1").replace("%1", value[:8])
        return value
    return label, show(old), show(new)


def _instances(form: Form, repeat: str, value: str) -> str:
    """A repeat's answers (JSON list) as "2 entries: 王芳、李强" (its first text question)."""
    try:
        items = json.loads(value) if value else []
    except ValueError:
        return value
    if not isinstance(items, list):
        return value
    first = next((f.name for f in form.fields_in(repeat) if f.type == "text"), None)
    names = [str(i.get(first) or "?") for i in items if isinstance(i, dict)] if first else []
    text = _t("%1 entries").replace("%1", str(len(items)))
    return f"{text}: {'、'.join(names)}" if names else text


class HistoryDialog(QDialog):
    def __init__(self, store, household_uuid: str, form: Form | None = None, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Change history"))
        language = form_language()
        entries = V.household_history(store, household_uuid)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("Time"), self.tr("By"), self.tr("Device"),
                                   self.tr("Question"), self.tr("Old"), self.tr("New")])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        for e in entries:
            label, old, new = describe_change(form, e, language)
            QTreeWidgetItem(self.tree, [e["at"][:19].replace("T", " "), e["user"] or "",
                                        e["device_name"] or "", label, old, new])
        for col, width in enumerate((140, 80, 110, 200, 110)):
            self.tree.setColumnWidth(col, width)
        summary = QLabel(self.tr("%1 recorded changes").replace("%1", str(len(entries))))
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, 900, 520)
        self.tree.setFocus(Qt.OtherFocusReason)

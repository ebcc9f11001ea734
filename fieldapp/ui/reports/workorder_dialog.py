"""Open work orders for not-covered households: operator, kind, due date, note."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
)

OPERATORS = ("中国电信", "中国联通", "中国移动", "广电网络")


class WorkOrderDialog(QDialog):
    def __init__(self, households: int, parent=None, today: QDate | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Work orders for the operator"))
        form = QFormLayout(self)
        form.addRow(QLabel(self.tr("%1 households without an active work order will get one.")
                           .replace("%1", str(households))))
        self.operator = QComboBox()
        self.operator.setEditable(True)
        self.operator.addItems(OPERATORS)
        form.addRow(self.tr("Operator"), self.operator)
        self.kind = QComboBox()
        for key, text in ((None, self.tr("From the reason (install or repair)")),
                          ("install", self.tr("Install")), ("repair", self.tr("Repair")),
                          ("handover", self.tr("Hand over paid subscriber"))):
            self.kind.addItem(text, key)
        form.addRow(self.tr("Kind"), self.kind)
        self.due = QDateEdit((today or QDate.currentDate()).addDays(30))
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("yyyy-MM-dd")
        self.due.setMinimumDate(today or QDate.currentDate())  # a past due date is refused
        form.addRow(self.tr("Due date"), self.due)
        self.note = QLineEdit()
        form.addRow(self.tr("Note"), self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> dict:
        return {"operator": self.operator.currentText().strip(),
                "kind": self.kind.currentData(),
                "due_date": self.due.date().toString("yyyy-MM-dd"),
                "notes": self.note.text().strip()}

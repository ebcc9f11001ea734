"""A repeat group in the visit form (e.g. the household's members): one box per instance with
its questions and a Remove button, and an Add button after the last. Keyboard first: the form
moves to Add after the last question of the last instance, Enter adds another, Tab goes on;
Ctrl+Shift+A adds and Ctrl+Shift+D removes the instance holding the focus (see VisitFormWidget).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


def _t(text: str) -> str:
    return QCoreApplication.translate("RepeatSection", text)


class _EnterButton(QPushButton):
    """A button that Enter presses (as Space does); Ctrl+Enter stays the form's Complete."""

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        plain = event.modifiers() & ~Qt.KeypadModifier == Qt.NoModifier
        if event.key() in (Qt.Key_Return, Qt.Key_Enter) and plain:
            self.click()
            return
        super().keyPressEvent(event)


class RepeatSection(QGroupBox):
    addRequested = Signal()
    removeRequested = Signal(int)  # instance index, 0-based

    def __init__(self, title: str, hint: str = "", parent=None):
        super().__init__(title, parent)
        self.title_text = title
        self.setStyleSheet("QGroupBox { font-weight: bold; }"
                           "QGroupBox QLabel, QGroupBox QAbstractButton { font-weight: normal; }")
        layout = QVBoxLayout(self)
        if hint:
            note = QLabel(hint)
            note.setWordWrap(True)
            note.setStyleSheet("color: #666; font-size: 11px;")
            layout.addWidget(note)
        self.empty_label = QLabel(_t("None recorded yet."))
        self.empty_label.setStyleSheet("color: #666;")
        self.instances_layout = QVBoxLayout()
        self.add_button = _EnterButton(_t("Add %1 (Ctrl+Shift+A)").replace("%1", title))
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.addRequested.emit)
        bar = QHBoxLayout()
        bar.addWidget(self.add_button)
        bar.addStretch(1)
        layout.addWidget(self.empty_label)
        layout.addLayout(self.instances_layout)
        layout.addLayout(bar)
        self.boxes: list[QGroupBox] = []
        self.remove_buttons: list[QPushButton] = []

    def clear(self) -> None:
        for box in self.boxes:  # gone from the screen now, deleted when Qt is idle
            self.instances_layout.removeWidget(box)
            box.hide()
            box.setParent(None)
            box.deleteLater()
        self.boxes.clear()
        self.remove_buttons.clear()

    def add_instance(self, index: int) -> QVBoxLayout:
        """A box for instance `index`; returns the layout its questions go into."""
        box = QGroupBox(f"{self.title_text} {index + 1}")
        inner = QVBoxLayout(box)
        remove = QPushButton(_t("Remove %1 %2").replace("%1", self.title_text)
                             .replace("%2", str(index + 1)))
        remove.setFocusPolicy(Qt.TabFocus)
        remove.clicked.connect(lambda: self.removeRequested.emit(index))
        head = QHBoxLayout()
        head.addStretch(1)
        head.addWidget(remove)
        inner.addLayout(head)
        self.instances_layout.addWidget(box)
        self.boxes.append(box)
        self.remove_buttons.append(remove)
        self.empty_label.setVisible(False)
        return inner

    def index_of(self, widget: QWidget | None) -> int | None:
        """The instance holding `widget` (e.g. the focus), or None."""
        for i, box in enumerate(self.boxes):
            if widget is not None and (widget is box or box.isAncestorOf(widget)):
                return i
        return None

    def set_editable(self, can_add: bool, can_remove: bool) -> None:
        self.add_button.setEnabled(can_add)
        for b in self.remove_buttons:
            b.setVisible(can_remove)
        self.empty_label.setVisible(not self.boxes)

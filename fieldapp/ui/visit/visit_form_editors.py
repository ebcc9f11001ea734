"""One editor widget per field type of the visit form. Keyboard first: every editor is a single
Tab stop; digit keys pick choices; Enter moves on. Editors only show and report values; the
rules (coercion, relevance, checks) live in fieldapp.survey.runtime.

Each editor emits `edited(value, final)` (final: the user finished with this answer, e.g. picked
a choice or left a text box) and `advance()` (move to the next question).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QWidget,
)

from fieldapp.ui.visit.visit_form_layout import FlowLayout

TEXT_DEBOUNCE_MS = 400
_FOCUS_STYLE = ("QFrame#choiceEditor { border: 1px solid transparent; border-radius: 4px; }"
                "QFrame#choiceEditor:focus { border: 2px solid #2f6fd6; background: #eef4ff; }")


def _digit(event: QKeyEvent) -> int | None:
    """0-based choice index for keys 1..9 and 0 (the tenth), else None."""
    text = event.text()
    if len(text) == 1 and text.isdigit() and not event.modifiers() & (
            Qt.ControlModifier | Qt.AltModifier):
        return 9 if text == "0" else int(text) - 1
    return None


class Editor(QWidget):
    edited = Signal(object, bool)
    advance = Signal()

    def set_value(self, value) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def set_read_only(self, read_only: bool) -> None:
        self.setEnabled(not read_only)

    def focus_target(self) -> QWidget:
        return self

    def commit(self) -> None:
        """Report a value still being typed (before completing or closing)."""


class ChoiceEditor(Editor):
    """select_one (radio buttons) or select_multiple (check boxes), numbered 1, 2, 3 …; rank
    (`ordered`): check boxes picked in order of preference, each showing its place (→1, →2 …)."""

    def __init__(self, multiple: bool, parent=None, ordered: bool = False):
        super().__init__(parent)
        self.multiple, self.ordered = multiple, ordered
        self.texts: list[str] = []
        self.frame = QFrame(self)
        self.frame.setObjectName("choiceEditor")
        self.frame.setStyleSheet(_FOCUS_STYLE)
        self.frame.setFocusPolicy(Qt.StrongFocus)
        self.frame.keyPressEvent = self._key  # type: ignore[method-assign]
        self.flow = FlowLayout(self.frame, spacing=12)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.frame)
        self.setFocusProxy(self.frame)
        self.names: list[str] = []
        self.buttons: list[QRadioButton | QCheckBox] = []
        self.selected: list[str] = []

    def set_choices(self, choices: Sequence[tuple[str, str]]) -> None:
        """(name, label) pairs; rebuilt only when they change (choice filters)."""
        if [n for n, _ in choices] == self.names and self.buttons:
            return
        for b in self.buttons:
            self.flow.removeWidget(b)
            b.deleteLater()
        self.names, self.buttons, self.texts = [n for n, _ in choices], [], []
        for i, (name, label) in enumerate(choices):
            key = str(i + 1) if i < 9 else "0" if i == 9 else ""
            text = f"{key} {label}" if key else label
            b: QRadioButton | QCheckBox = (QCheckBox if self.multiple else QRadioButton)(text)
            self.texts.append(text)
            b.setFocusPolicy(Qt.NoFocus)
            b.setAutoExclusive(False)
            b.clicked.connect(lambda _c=False, n=name: self._clicked(n))
            self.flow.addWidget(b)
            self.buttons.append(b)
        self._sync()

    def set_value(self, value) -> None:
        self.selected = str(value).split() if value not in (None, "") else []
        self._sync()

    def _sync(self) -> None:
        for name, b, text in zip(self.names, self.buttons, self.texts):
            b.setChecked(name in self.selected)
            if self.ordered:  # the place in the ranking after the label
                b.setText(f"{text} →{self.selected.index(name) + 1}" if name in self.selected
                          else text)

    def _clicked(self, name: str) -> None:
        self.frame.setFocus(Qt.MouseFocusReason)
        self.pick(name)

    def pick(self, name: str) -> None:
        if self.ordered:  # picked again: out of the ranking, the ones after it move up
            self.selected = [n for n in self.selected if n != name] + \
                ([name] if name not in self.selected else [])
            self._sync()
            self.edited.emit(" ".join(self.selected) or None, True)
        elif self.multiple:
            chosen = set(self.selected) ^ {name}
            self.selected = [n for n in self.names if n in chosen]
            self._sync()
            self.edited.emit(" ".join(self.selected), True)
        else:
            self.selected = [name]
            self._sync()
            self.edited.emit(name, True)
            self.advance.emit()

    def _key(self, event: QKeyEvent) -> None:
        index = _digit(event)
        if index is not None and self.isEnabled():
            if index < len(self.names):
                self.pick(self.names[index])
            return
        if event.key() in (Qt.Key_Return, Qt.Key_Enter) and not event.modifiers() & (
                Qt.ControlModifier):
            self.advance.emit()
            return
        if event.key() in (Qt.Key_Delete, Qt.Key_Backspace) and self.isEnabled():
            self.selected = []
            self._sync()
            self.edited.emit(None, True)
            return
        QFrame.keyPressEvent(self.frame, event)


class LineEditor(Editor):
    """text, integer, decimal, date, datetime, geopoint, geotrace and geoshape answers typed as
    text (a location editor has buttons beside it: the map, a GPS receiver)."""

    def __init__(self, placeholder: str = "", parent=None,
                 extra: QPushButton | Sequence[QPushButton] | None = None):
        super().__init__(parent)
        self.line = QLineEdit(self)
        self.line.setPlaceholderText(placeholder)
        self.line.setClearButtonEnabled(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.line, 1)
        for button in [extra] if isinstance(extra, QPushButton) else extra or ():
            button.setFocusPolicy(Qt.NoFocus)
            layout.addWidget(button)
        self.setFocusProxy(self.line)
        self._timer = QTimer(self, singleShot=True, interval=TEXT_DEBOUNCE_MS)
        self._timer.timeout.connect(lambda: self.edited.emit(self.line.text(), False))
        self._committed = ""
        self.line.textEdited.connect(lambda _t: self._timer.start())
        self.line.editingFinished.connect(self.commit)
        self.line.returnPressed.connect(self.advance.emit)

    def set_value(self, value) -> None:
        text = "" if value is None else str(value)
        if text != self.line.text():
            self.line.setText(text)
        self._committed = text

    def answer_with(self, value: str | None) -> None:
        """An answer from elsewhere (a button: the map, a GPS): shown and reported."""
        if value:
            self.set_value(value)
            self.edited.emit(value, True)

    def commit(self) -> None:
        """Typing finished (Enter, focus left, form completing): report the text once."""
        self._timer.stop()
        text = self.line.text()
        if text != self._committed:
            self._committed = text
            self.edited.emit(text, True)

    def set_read_only(self, read_only: bool) -> None:
        self.line.setReadOnly(read_only)
        for child in self.findChildren(QPushButton):
            child.setEnabled(not read_only)


class AckEditor(Editor):
    """acknowledge: a check box; Space or 1 confirms, and the form moves on."""

    def __init__(self, text: str, parent=None):
        super().__init__(parent)
        self.box = QCheckBox(text, self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.box)
        self.setFocusProxy(self.box)
        self.box.clicked.connect(self._toggled)
        self.box.keyPressEvent = self._key  # type: ignore[method-assign]

    def set_value(self, value) -> None:
        self.box.setChecked(value == "OK")

    def _toggled(self, checked: bool) -> None:
        self.edited.emit("OK" if checked else None, True)
        if checked:
            self.advance.emit()

    def _key(self, event: QKeyEvent) -> None:
        if _digit(event) == 0 and self.isEnabled():
            self.box.setChecked(True)
            self._toggled(True)
            return
        if event.key() in (Qt.Key_Return, Qt.Key_Enter) and not event.modifiers():
            self.advance.emit()
            return
        QCheckBox.keyPressEvent(self.box, event)


class AttachedEditor(Editor):
    """An answer that is a stored file: `_choose()` stores one and returns its sha256 (None:
    nothing chosen); Remove empties the answer."""

    _choose: Callable[[], str | None]
    remove_button: QPushButton

    def _pick(self) -> None:
        self._stored(self._choose())

    def _stored(self, sha: str | None) -> None:
        if sha:
            self.edited.emit(sha, True)

    def _connect(self, pick_button: QPushButton) -> None:
        self.setFocusProxy(pick_button)
        pick_button.clicked.connect(self._pick)
        self.remove_button.clicked.connect(lambda: self.edited.emit(None, True))
        self.value: str | None = None


class PhotoEditor(AttachedEditor):
    """image: choose a picture file, or take one with the camera (`take`; its button is shown
    by `follow_cameras` once a camera is known to exist); the form stores it and shows its
    thumbnail."""

    def __init__(self, choose: Callable[[], str | None], thumbnail: Callable[[str], bytes | None],
                 parent=None, take: Callable[[], str | None] | None = None):
        super().__init__(parent)
        self._choose, self._thumbnail = choose, thumbnail
        self.preview = QLabel(self)
        self.preview.setFixedSize(128, 96)
        self.preview.setFrameShape(QFrame.StyledPanel)
        self.preview.setAlignment(Qt.AlignCenter)
        self.pick_button = QPushButton(self.tr("Choose photo…"), self)
        self.camera_button = QPushButton(self.tr("Take photo…"), self)
        self.camera_button.setVisible(False)
        self._cameras: Callable[[], bool] | None = None
        if take is not None:
            self.camera_button.clicked.connect(lambda: self._stored(take()))
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.setFocusPolicy(Qt.NoFocus)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.preview)
        layout.addWidget(self.pick_button)
        layout.addWidget(self.camera_button)
        layout.addWidget(self.remove_button)
        layout.addStretch(1)
        self._connect(self.pick_button)

    def follow_cameras(self, available: Callable[[], bool]) -> None:
        """Show the camera button while `available()` says a camera exists (asked again on
        `update_camera`)."""
        self._cameras = available
        self.update_camera()

    def update_camera(self) -> None:
        self.camera_button.setVisible(bool(self._cameras and self._cameras()))

    def set_value(self, value) -> None:
        self.value = value or None
        self.remove_button.setVisible(self.value is not None)
        data = self._thumbnail(self.value) if self.value else None
        pix = QPixmap()
        if data and pix.loadFromData(data):
            self.preview.setPixmap(pix.scaled(self.preview.size(), Qt.KeepAspectRatio,
                                              Qt.SmoothTransformation))
        else:
            self.preview.setPixmap(QPixmap())
            self.preview.setText(self.tr("No photo") if not self.value else "?")


class NoteEditor(Editor):
    """note and labelled calculations: text only."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)

    def set_value(self, value) -> None:
        self.label.setText("" if value is None else str(value))

"""Signature for the visit form (`image` with appearance `signature`): a white pad the surveyor
draws on with the mouse. The drawing is stored as a PNG attachment exactly like a photo, its
sha256 the answer. It is stored when the pad loses focus, on Enter, when the form saves what is
still being edited, and after STORE_AFTER_MS without a new stroke (a pause between the strokes
of one name does not store a half-written picture; each picture replaced is deleted again by
the form, visit_form_inputs.py)."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from fieldapp.ui.visit.visit_form_editors import Editor

PAD_WIDTH, PAD_HEIGHT = 420, 140
STORE_AFTER_MS = 4000
_INK = QColor("#10205a")


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.WriteOnly)
    image.save(buf, "PNG")
    buf.close()
    return bytes(data.data())


class SignaturePad(QWidget):
    """Strokes drawn with the mouse onto a white picture of fixed size."""

    stroked = Signal()  # a stroke ended
    left = Signal()  # focus went elsewhere

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setFixedSize(PAD_WIDTH, PAD_HEIGHT)
        self.setFocusPolicy(Qt.StrongFocus)
        self.setCursor(Qt.CrossCursor)
        self.image = QImage(PAD_WIDTH, PAD_HEIGHT, QImage.Format_RGB32)
        self.clear()
        self._last: QPoint | None = None

    def clear(self) -> None:
        self.blank = True  # shows where to sign
        self.image.fill(QColor("white"))
        self.update()

    def load(self, data: bytes | None) -> None:
        """Show a stored signature (empty pad when there is none or it cannot be read)."""
        self.clear()
        picture = QImage.fromData(data) if data else QImage()
        if not picture.isNull():
            painter = QPainter(self.image)
            painter.drawImage(0, 0, picture.scaled(PAD_WIDTH, PAD_HEIGHT, Qt.KeepAspectRatio,
                                                   Qt.SmoothTransformation))
            painter.end()
            self.blank = False
        self.update()

    def _line(self, to: QPoint) -> None:
        painter = QPainter(self.image)
        painter.setRenderHint(QPainter.Antialiasing)
        painter.setPen(QPen(_INK, 2.5, Qt.SolidLine, Qt.RoundCap, Qt.RoundJoin))
        painter.drawLine(self._last or to, to)
        painter.end()
        self._last, self.blank = to, False
        self.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.LeftButton:
            self.setFocus(Qt.MouseFocusReason)
            self._last = None
            self._line(event.position().toPoint())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._last is not None:
            self._line(event.position().toPoint())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._last is not None:
            self._line(event.position().toPoint())
            self._last = None
            self.stroked.emit()

    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.update()
        self.left.emit()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.drawImage(0, 0, self.image)
        if self.blank:
            painter.setPen(QColor("#aaaaaa"))
            painter.drawText(self.rect(), Qt.AlignCenter, self.tr("Sign here with the mouse"))
        painter.setPen(QPen(QColor("#2f6fd6") if self.hasFocus() else QColor("#999999"),
                            2 if self.hasFocus() else 1))
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        painter.end()


class SignatureEditor(Editor):
    """image with appearance signature: draw, Clear, Enter or Tab moves on."""

    def __init__(self, store: Callable[[bytes], str | None],
                 stored: Callable[[str], bytes | None], parent=None):
        super().__init__(parent)
        self._store, self._stored = store, stored
        self.pad = SignaturePad(self)
        self.clear_button = QPushButton(self.tr("Clear"), self)
        self.clear_button.setFocusPolicy(Qt.NoFocus)
        side = QVBoxLayout()
        side.addWidget(self.clear_button)
        side.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pad)
        layout.addLayout(side)
        layout.addStretch(1)
        self.setFocusProxy(self.pad)
        self.setToolTip(self.tr("Sign with the mouse; Enter moves on"))
        self._timer = QTimer(self, singleShot=True, interval=STORE_AFTER_MS)
        self._timer.timeout.connect(self.commit)
        self.pad.stroked.connect(self._stroked)
        self.pad.keyPressEvent = self._key  # type: ignore[method-assign]
        self.pad.left.connect(self.commit)
        self.clear_button.clicked.connect(self._clear)
        self.value: str | None = None
        self.dirty = False

    def _stroked(self) -> None:
        self.dirty = True
        self._timer.start()

    def _clear(self) -> None:
        self._timer.stop()
        self.dirty = False
        self.pad.clear()
        if self.value is not None:
            self.value = None
            self.edited.emit(None, True)

    def commit(self) -> None:
        """Store the drawing (once per change) and report its sha256 as the answer."""
        self._timer.stop()
        if not self.dirty:
            return
        self.dirty = False
        picture = self.pad.image.copy()
        # a unique stamp: two signatures never share one stored picture, so retiring one
        # (drawn again, cleared: store/sync_log/attachment_use.py) never touches another
        picture.setText("fieldapp-signature", uuid.uuid4().hex)
        sha = self._store(png_bytes(picture))
        if sha and sha != self.value:
            self.value = sha
            self.edited.emit(sha, True)

    def set_value(self, value) -> None:
        value = value or None
        if value == self.value:  # a drawing not yet stored stays on the pad
            return
        self.value, self.dirty = value, False
        self.pad.load(self._stored(value) if value else None)

    def set_read_only(self, read_only: bool) -> None:
        self.pad.setEnabled(not read_only)
        self.clear_button.setEnabled(not read_only)

    def _key(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key_Return, Qt.Key_Enter):
            self.commit()
            self.advance.emit()
            return
        if event.key() in (Qt.Key_Delete, Qt.Key_Backspace) and self.pad.isEnabled():
            self._clear()
            return
        QWidget.keyPressEvent(self.pad, event)

"""Take a photo with a camera (a choice of camera when the laptop has several): a live preview (frames read on a thread, camera_reader.py),
Space or Enter takes the picture, "Retake" goes back to the preview, "Use this photo" (or Enter
again) hands it to the form, Esc cancels. A camera that cannot be opened or stops sending
pictures is said in words, in red. `answer()` is (JPEG, thumbnail JPEG), made by
fieldapp.core.camera (EXIF-free, long side at most the question's max-pixels)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QImage, QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
)

from fieldapp.core.camera import MAX_SIDE, Source, camera_name, photo_jpeg, thumbnail_jpeg
from fieldapp.core.errors import FieldappError
from fieldapp.ui.shell.i18n import form_language
from fieldapp.ui.visit.camera_reader import CameraReader
from fieldapp.ui.widgets.screen_fit import fit_to_screen

POLL_MS = 40


def to_qimage(frame) -> QImage:
    """A BGR frame (numpy, from OpenCV) as a QImage of its own (the frame may be reused)."""
    height, width = frame.shape[:2]
    return QImage(frame.data, width, height, frame.strides[0], QImage.Format_BGR888).copy()


class CameraDialog(QDialog):
    def __init__(self, sources: Source | list[Source], max_side: int = MAX_SIDE, parent=None):
        """`sources`: the cameras found (a choice is offered when there are several)."""
        super().__init__(parent)
        sources = sources if isinstance(sources, list) else [sources]
        self.setWindowTitle(self.tr("Take photo"))
        self.max_side = max_side
        self.frame = None  # the picture taken (None while previewing)
        self.frames_shown = 0
        self._seen = 0
        self.photo: tuple[bytes, bytes] | None = None
        self.preview = QLabel()
        self.preview.setAlignment(Qt.AlignCenter)
        self.preview.setMinimumSize(320, 240)
        self.preview.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Ignored)  # frames never
        # push the window past the screen
        self.preview.setStyleSheet("background: #222; color: #ddd;")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.capture_button = QPushButton(self.tr("Take photo (Space)"))
        self.retake_button = QPushButton(self.tr("Retake"))
        self.use_button = QPushButton(self.tr("Use this photo"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        for button in (self.capture_button, self.retake_button, self.use_button,
                       self.cancel_button):
            button.setFocusPolicy(Qt.NoFocus)  # Space and Enter belong to the window
            button.setAutoDefault(False)
        self.capture_button.clicked.connect(self.capture)
        self.retake_button.clicked.connect(self.retake)
        self.use_button.clicked.connect(self.use)
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.capture_button)
        buttons.addWidget(self.retake_button)
        buttons.addStretch(1)
        buttons.addWidget(self.use_button)
        buttons.addWidget(self.cancel_button)
        self.camera_box = QComboBox()
        for source in sources:
            self.camera_box.addItem(self.tr("Camera %1").replace("%1", camera_name(source)),
                                    source)
        self.camera_box.setVisible(len(sources) > 1)
        self.camera_box.setFocusPolicy(Qt.NoFocus)
        self.camera_box.currentIndexChanged.connect(
            lambda _i: self._start(self.camera_box.currentData()))
        layout = QVBoxLayout(self)
        layout.addWidget(self.camera_box)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.reader: CameraReader | None = None
        self._timer = QTimer(self, interval=POLL_MS)
        self._timer.timeout.connect(self._poll)
        self._start(sources[0])
        fit_to_screen(self, 800, 640)

    def _start(self, source: Source) -> None:
        """Preview `source` (the camera chosen), from its first frame."""
        self._stop()
        self.frame, self.frames_shown, self._seen = None, 0, 0
        self.preview.setPixmap(QPixmap())
        self.preview.setText(self.tr("Starting the camera…"))
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Space or Enter takes the photo; Esc cancels."))
        self._show_buttons()
        self.reader = CameraReader(source)
        self.reader.start()
        self._timer.start()

    def _stop(self) -> None:
        self._timer.stop()
        if self.reader is not None:
            self.reader.stop()
            self.reader.join(1.0)

    def _show_buttons(self) -> None:
        taken = self.frame is not None
        self.capture_button.setVisible(not taken)
        self.capture_button.setEnabled(self.frames_shown > 0)
        self.retake_button.setVisible(taken)
        self.use_button.setVisible(taken)

    def _poll(self) -> None:
        count, frame = self.reader.latest()
        if self.reader.failure is not None:
            self._fail(self.reader.failure.text(form_language()))
            return
        if frame is None or count == self._seen or self.frame is not None:
            return
        self._seen = count
        self._show(frame)
        if self.frames_shown == 1:
            self._show_buttons()

    def _show(self, frame) -> None:
        pix = QPixmap.fromImage(to_qimage(frame))
        self.preview.setPixmap(pix.scaled(self.preview.size(), Qt.KeepAspectRatio,
                                          Qt.SmoothTransformation))
        self.frames_shown += 1

    def _fail(self, text: str) -> None:
        self._timer.stop()
        self.status.setText(text)
        self.status.setStyleSheet("color: #c0392b;")
        self.capture_button.setEnabled(False)
        if self.frame is None:
            self.preview.setText(self.tr("No picture from the camera"))

    def capture(self) -> None:
        if self.frame is not None or self.frames_shown == 0:
            return
        self.frame = self.reader.latest()[1]
        self._show(self.frame)
        self.status.setText(self.tr("Enter uses this photo; Retake goes back to the camera."))
        self._show_buttons()

    def retake(self) -> None:
        if self.reader is None or self.reader.failure is not None:
            return
        self.frame = None
        self.status.setText(self.tr("Space or Enter takes the photo; Esc cancels."))
        self._show_buttons()

    def use(self) -> None:
        if self.frame is None:
            return
        try:
            self.photo = (photo_jpeg(self.frame, self.max_side), thumbnail_jpeg(self.frame))
        except FieldappError as exc:
            self._fail(exc.entry.text(form_language()) if exc.entry else str(exc))
            return
        self.accept()

    def answer(self) -> tuple[bytes, bytes] | None:
        return self.photo

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        key = event.key()
        if key in (Qt.Key_Space, Qt.Key_Return, Qt.Key_Enter):
            if self.frame is None:
                self.capture()
            elif key != Qt.Key_Space:
                self.use()
            return
        super().keyPressEvent(event)  # Esc cancels

    def done(self, result: int) -> None:
        self._stop()
        super().done(result)

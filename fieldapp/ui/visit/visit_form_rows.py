"""Building blocks of the visit form's layout: a question row (label, required marker, hint,
editor, inline error) and the editor for each field type."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from fieldapp.survey.model import Field, Form

from fieldapp.ui.visit.visit_form_editors import (
    AckEditor,
    ChoiceEditor,
    Editor,
    LineEditor,
    NoteEditor,
    PhotoEditor,
)
from fieldapp.ui.visit.camera_probe import CameraProbe
from fieldapp.ui.visit.visit_form_file import FileEditor
from fieldapp.ui.visit.visit_form_signature import SignatureEditor


def _t(text: str) -> str:
    return QCoreApplication.translate("VisitFormRows", text)


class FieldRow(QWidget):
    """One question: its label (with * when required), hint, editor, error message and note."""

    def __init__(self, text: str, hint: str, editor: Editor, parent=None):
        super().__init__(parent)
        self.text = text
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.hint = QLabel(hint, self)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #666; font-size: 11px;")
        self.hint.setVisible(bool(hint))
        self.editor = editor
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c0392b;")
        self.error.hide()
        self.note = QLabel(self)  # a remark that does not block completion
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #b9770e;")
        self.note.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.setSpacing(2)
        layout.addWidget(self.label)
        layout.addWidget(self.hint)
        layout.addWidget(editor)
        layout.addWidget(self.error)
        layout.addWidget(self.note)
        self.label.setBuddy(editor)
        self.required = None
        self.set_required(False)

    def set_required(self, required: bool) -> None:
        if required == self.required:
            return
        self.required = required
        mark = ' <span style="color:#c0392b">*</span>' if required else ""
        self.label.setText(f"<b>{escape(self.text)}</b>{mark}")

    def set_texts(self, text: str, hint: str) -> None:
        """New label and hint (they may show other answers through ${...})."""
        if text != self.text:
            self.text = text
            required, self.required = self.required, None
            self.set_required(bool(required))
        if hint != self.hint.text():
            self.hint.setText(hint)
            self.hint.setVisible(bool(hint))

    def set_error(self, message: str | None) -> None:
        self.error.setText(message or "")
        self.error.setVisible(bool(message))

    def set_note(self, message: str | None) -> None:
        if message != (self.note.text() or None):
            self.note.setText(message or "")
            self.note.setVisible(bool(message))


class EditorFactory:
    """Creates the editor for a field; photo and location helpers come from the form widget."""

    def __init__(self, form: Form, language: str, choose_photo: Callable[[Field], str | None],
                 thumbnail: Callable[[str], bytes | None], household_point: str | None,
                 store_signature: Callable[[bytes], str | None] | None = None, *,
                 choose_file: Callable[[Field], str | None] | None = None,
                 file_info: Callable[[str], tuple[str, str] | None] | None = None,
                 draw_on_map: Callable[[str, str | None], str | None] | None = None,
                 read_gps: Callable[[Field], str | None] | None = None,
                 take_photo: Callable[[Field], str | None] | None = None,
                 cameras: CameraProbe | None = None):
        self.form, self.language = form, language
        self.store_signature = store_signature
        self.choose_file, self.file_info = choose_file, file_info
        self.draw_on_map, self.read_gps = draw_on_map, read_gps
        self.choose_photo, self.thumbnail = choose_photo, thumbnail
        self.take_photo, self.cameras = take_photo, cameras
        self.household_point = household_point

    def create(self, f: Field) -> Editor | None:
        t = f.type
        if t in ("select_one", "select_multiple", "rank"):
            return ChoiceEditor(multiple=t != "select_one", ordered=t == "rank")
        if t == "acknowledge":
            return AckEditor(_t("Confirmed"))
        if t == "image" and "signature" in f.appearance.split() and self.store_signature:
            return SignatureEditor(self.store_signature, self.thumbnail)
        if t == "image":
            return self._photo_editor(f)
        if t in ("note",) or (t == "calculate" and f.labels):
            return NoteEditor()
        placeholders = {
            "integer": _t("whole number"), "decimal": _t("number"),
            "date": _t("year-month-day, e.g. 2026-03-01"),
            "datetime": _t("e.g. 2026-03-01T08:30"),
            "geopoint": _t("latitude longitude, e.g. 35.60 110.98"),
            "time": _t("hour:minute, e.g. 08:30"), "range": _t("number"),
            "barcode": _t("scan the code or type it"),
            "geotrace": _t("points: latitude longitude; latitude longitude; ..."),
            "geoshape": _t("points: latitude longitude; latitude longitude; ..."),
        }
        if t in ("audio", "video", "file") and self.choose_file and self.file_info:
            return FileEditor(t, lambda: self.choose_file(f), self.file_info)
        if t in ("geopoint", "geotrace", "geoshape"):
            return self._location_editor(f, placeholders[t])
        if t in placeholders or t == "text":
            return LineEditor(placeholders.get(t, ""))
        return None  # calculate without label, metadata: not shown

    def _photo_editor(self, f: Field) -> PhotoEditor:
        """A picture file, or the camera once the session's probe has found one (the probe runs
        on its thread: the form never waits for it)."""
        take, cameras = self.take_photo, self.cameras
        if take is None or cameras is None:
            return PhotoEditor(lambda: self.choose_photo(f), self.thumbnail)
        editor = PhotoEditor(lambda: self.choose_photo(f), self.thumbnail, take=lambda: take(f))
        editor.follow_cameras(cameras.available)
        cameras.known.connect(editor.update_camera)  # a bound slot: dropped with the editor
        cameras.start()
        return editor

    def _location_editor(self, f: Field, placeholder: str) -> LineEditor:
        """Typed or pasted coordinates, with buttons: the household's position, the map and a
        GPS receiver for a point; the map for a line or an area (also F4 in the answer box)."""
        t = f.type
        buttons: list[tuple[QPushButton, Callable[[], str | None]]] = []
        if t == "geopoint" and self.household_point:
            point = self.household_point
            buttons.append((QPushButton(_t("Use household location")), lambda: point))
        map_button = None
        if self.draw_on_map:
            draw = self.draw_on_map
            map_button = QPushButton(_t("Place on map…") if t == "geopoint"
                                     else _t("Draw on map…"))
            map_button.setToolTip(_t("F4 in the answer box opens the map"))
            buttons.append((map_button, lambda: draw(t, editor.line.text() or None)))
        if t == "geopoint" and self.read_gps:
            read_gps = self.read_gps
            buttons.append((QPushButton(_t("GPS receiver…")), lambda: read_gps(f)))
        editor = LineEditor(placeholder, extra=[b for b, _ in buttons])
        for button, source in buttons:
            button.clicked.connect(lambda _c=False, s=source: editor.answer_with(s()))
        if map_button is not None:
            shortcut = QShortcut(QKeySequence(Qt.Key_F4), editor.line)
            shortcut.setContext(Qt.WidgetShortcut)
            shortcut.activated.connect(map_button.click)
        return editor

"""The visit form's helpers for laptop-shaped inputs: attaching recordings, videos and files,
a photo from the camera, drawing a line or area (or placing a point) on the village map, a
position from a USB/serial GPS, and dropping the earlier pictures of a signature drawn again or
cleared. Mixed into VisitFormWidget (it has store, user, record and the form's answers)."""

from __future__ import annotations

import json

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QFileDialog

from fieldapp.core.attached_files import (
    check_extension,
    file_filter,
    format_size,
    name_of,
    read_attachment_file,
)
from fieldapp.core.camera import MAX_SIDE
from fieldapp.core.progress import Cancelled
from fieldapp.store import visits as V
from fieldapp.survey.model import Field

from fieldapp.ui.visit.camera_probe import camera_probe
from fieldapp.ui.widgets.errors import show_error
from fieldapp.ui.widgets.job_runner import JobRunner


def _t(text: str) -> str:
    return QCoreApplication.translate("VisitFormWidget", text)


def _ask(dialog: QDialog) -> str | None:
    """The dialog's answer (None when cancelled); the dialog is gone afterwards."""
    try:
        return dialog.answer() if dialog.exec() == QDialog.Accepted else None
    finally:
        dialog.deleteLater()


class FormInputs:
    """Needs self.store, self.user, self.state and self.household; sets
    self._fresh_attachments."""

    def _init_inputs(self) -> None:
        self._fresh_attachments: set[str] = set()  # stored while this form is open

    def put_attachment(self, content: bytes, media_type: str,
                       thumbnail: bytes | None = None) -> str:
        """Store an answer's file (photo, signature, recording, file), remembered as this
        form's until its answers are saved."""
        fresh = V.attachment_info(self.store, V.content_sha(content)) is None
        sha = V.put_attachment(self.store, self.user, content, media_type, thumbnail)
        if fresh:
            self._fresh_attachments.add(sha)
        return sha

    # ----- audio / video / file ------------------------------------------------------------
    def _choose_file(self, f: Field) -> str | None:
        titles = {"audio": _t("Choose a recording"), "video": _t("Choose a video"),
                  "file": _t("Choose a file")}
        path, _ = QFileDialog.getOpenFileName(
            self, titles[f.type], "", _t("Allowed files (%1)").replace(
                "%1", file_filter(f.type, f.accept)))
        return self.store_file(f, path) if path else None

    def store_file(self, f: Field, path: str) -> str | None:
        """Check and store a file for an audio/video/file answer; its sha256 (None after an
        error, which is shown)."""
        try:
            content, media_type = JobRunner(self).run(
                _t("Reading the file…"),
                lambda _progress: read_attachment_file(path, f.type, f.accept),
                read_only=True)
            return self.put_attachment(content, media_type)
        except Cancelled:
            return None
        except Exception as exc:  # noqa: BLE001 - a file that does not fit is a message
            show_error(self, exc, _t("Cannot attach this file"))
            return None

    def _file_info(self, sha: str) -> tuple[str, str] | None:
        info = V.attachment_info(self.store, sha)
        if info is None:
            return None
        return name_of(info["media_type"]) or sha[:12], format_size(info["size"])

    # ----- camera ------------------------------------------------------------------------------
    def _take_photo(self, f: Field) -> str | None:
        """A photo from the session's camera, stored like a chosen file (None: cancelled)."""
        from fieldapp.ui.visit.camera_dialog import CameraDialog

        sources = camera_probe().sources
        if not sources:
            return None
        try:
            check_extension("photo.jpg", "image", f.accept)  # the form's body::accept, if any
            photo = _ask(CameraDialog(sources, int(f.parameters.get("max-pixels", MAX_SIDE)),
                                      self))
            return self.put_attachment(photo[0], "image/jpeg", photo[1]) if photo else None
        except Exception as exc:  # noqa: BLE001 - a photo that cannot be used is a message
            show_error(self, exc, _t("Cannot use this photo"))
            return None

    # ----- map and GPS ----------------------------------------------------------------------
    def _draw_on_map(self, kind: str, value: str | None) -> str | None:
        """A point, line or area drawn on the map (None when cancelled)."""
        from fieldapp.ui.visit.trace_dialog import TraceDialog

        hh = getattr(self, "household", {}) or {}
        near = (hh["lon"], hh["lat"]) if hh.get("lon") is not None and hh.get(
            "lat") is not None else None
        return _ask(TraceDialog(self.store, kind, value, near, hh.get("village_code"), self))

    def _read_gps(self, f: Field) -> str | None:
        from fieldapp.ui.visit.gps_dialog import GpsDialog

        return _ask(GpsDialog(self, capture_accuracy=f.capture_accuracy,
                              warning_accuracy=f.warning_accuracy))

    # ----- signatures -------------------------------------------------------------------------
    def _store_signature(self, png: bytes) -> str | None:
        try:
            return self.put_attachment(png, "image/png", png)
        except Exception as exc:  # noqa: BLE001 - a failed write is a message, not a crash
            show_error(self, exc, _t("Cannot store the signature"))
            return None

    def _drop_unsaved_attachments(self) -> None:
        """Files stored while this form is open that its answers no longer name (a signature
        drawn again, a photo chosen twice, an answer cleared) are retired, so they are not left
        over in the database (store/sync_log/attachment_use.py; saved answers that change
        retire theirs by themselves). Called after each save; the database is asked only when
        a file has left the answers."""
        if not self._fresh_attachments:
            return
        named = json.dumps(self.state.answers, default=str)
        gone = [sha for sha in self._fresh_attachments if sha not in named]
        if not gone:
            return
        try:
            V.drop_unused_attachments(self.store, self.user, gone)
        except Exception:  # noqa: BLE001 - tidying up; tried again after the next save
            return
        self._fresh_attachments.difference_update(gone)

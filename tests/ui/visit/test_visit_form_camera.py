"""Photos from a camera: a video file written in the test stands in for the webcam (OpenCV reads
both alike). The Take photo button shows only when the session's probe found a camera; the
window previews frames, Space takes the picture, "Use this photo" stores it like a chosen file
and sets the answer; Esc stores nothing; a camera that fails is said in words."""

from __future__ import annotations

import pytest
from camera_video import write_video
from form_helpers import open_form, when_shown
from inline_xlsform import write_xlsform
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from fieldapp.store import visits as V
from fieldapp.survey.loader import load_form
from fieldapp.ui.visit import camera_probe as probe_module
from fieldapp.ui.visit.camera_dialog import CameraDialog
from fieldapp.ui.visit.camera_probe import CameraProbe

pytestmark = pytest.mark.ui
cv2 = pytest.importorskip("cv2")
np = pytest.importorskip("numpy")


def make_form(tmp_path):
    return load_form(write_xlsform(tmp_path / "camera_test.xlsx", [
        ["type", "name", "label", "appearance"],
        ["image", "photo", "电视画面照片", ""],
        ["image", "sign", "户主签字", "signature"]]))


def use_cameras(monkeypatch, qtbot, sources):
    """The session's camera probe, finding `sources` (a video file for a webcam)."""
    probe = CameraProbe(lambda: list(sources))
    monkeypatch.setattr(probe_module, "_shared", probe)
    return probe


def open_with_probe(qtbot, demo_store, household, tmp_path, probe):
    w = open_form(qtbot, demo_store, household, make_form(tmp_path))
    qtbot.waitUntil(lambda: probe.sources is not None, timeout=5000)
    return w


def test_without_a_camera_the_button_stays_hidden(qtbot, monkeypatch, demo_store, household,
                                                  tmp_path):
    probe = use_cameras(monkeypatch, qtbot, [])
    w = open_with_probe(qtbot, demo_store, household, tmp_path, probe)
    editor = w.editors["photo"]
    assert editor.pick_button.isVisible()
    assert not editor.camera_button.isVisible()


def test_a_photo_taken_with_space_is_stored_and_answers_the_question(
        qtbot, monkeypatch, demo_store, household, tmp_path):
    probe = use_cameras(monkeypatch, qtbot, [write_video(tmp_path / "cam.avi")])
    w = open_with_probe(qtbot, demo_store, household, tmp_path, probe)
    editor = w.editors["photo"]
    assert editor.camera_button.isVisible()
    assert all(b.text() != editor.camera_button.text()  # a signature is drawn, not taken
               for b in w.editors["sign"].findChildren(QPushButton))
    seen_frames = []

    def take(dialog: CameraDialog) -> None:
        qtbot.waitUntil(lambda: dialog.frames_shown >= 3, timeout=5000)
        seen_frames.append(dialog.frames_shown)
        assert not dialog.use_button.isVisible()
        qtbot.keyClick(dialog, Qt.Key_Space)
        assert dialog.use_button.isVisible() and dialog.retake_button.isVisible()
        dialog.use_button.click()

    handled = when_shown(CameraDialog, take)
    editor.camera_button.click()
    assert handled and seen_frames
    assert w.flush()
    sha = V.get_visit(demo_store, w.visit_uuid)["answers"]["photo"]
    att = V.attachment(demo_store, sha)
    assert att["media_type"] == "image/jpeg"
    picture = cv2.imdecode(np.frombuffer(att["content"], np.uint8), cv2.IMREAD_COLOR)
    assert picture.shape[:2] == (240, 320)
    assert att["thumbnail"]
    assert editor.remove_button.isVisible()  # the thumbnail is shown as for a chosen file


def test_escape_stores_nothing(qtbot, monkeypatch, demo_store, household, tmp_path):
    probe = use_cameras(monkeypatch, qtbot, [write_video(tmp_path / "cam.avi")])
    w = open_with_probe(qtbot, demo_store, household, tmp_path, probe)
    before = demo_store.conn.execute("SELECT count(*) FROM attachments").fetchone()[0]

    def cancel(dialog: CameraDialog) -> None:
        qtbot.waitUntil(lambda: dialog.frames_shown >= 1, timeout=5000)
        qtbot.keyClick(dialog, Qt.Key_Space)
        qtbot.keyClick(dialog, Qt.Key_Escape)

    handled = when_shown(CameraDialog, cancel)
    w.editors["photo"].camera_button.click()
    assert handled
    assert w.flush()
    assert w.state.value("photo", None) is None
    assert demo_store.conn.execute("SELECT count(*) FROM attachments").fetchone()[0] == before


def test_retake_goes_back_to_the_preview(qtbot, tmp_path):
    dialog = CameraDialog(write_video(tmp_path / "cam.avi"))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.frames_shown >= 1, timeout=5000)
    qtbot.keyClick(dialog, Qt.Key_Return)
    assert dialog.frame is not None
    dialog.retake_button.click()
    assert dialog.frame is None and dialog.capture_button.isVisible()
    shown = dialog.frames_shown
    qtbot.waitUntil(lambda: dialog.frames_shown > shown, timeout=5000)  # live again
    dialog.reject()


def test_a_camera_that_fails_is_said_in_words(qtbot, tmp_path):
    broken = tmp_path / "broken.avi"
    broken.write_bytes(b"not a video")
    dialog = CameraDialog(str(broken))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: "摄像头" in dialog.status.text(), timeout=5000)
    assert "broken.avi" in dialog.status.text()
    assert not dialog.capture_button.isEnabled()
    qtbot.keyClick(dialog, Qt.Key_Space)  # nothing to take
    assert dialog.frame is None
    dialog.reject()


def test_a_camera_that_stops_sending_pictures_is_said_in_words(qtbot, monkeypatch, tmp_path):
    from fieldapp.core import camera as camera_module

    reads = {"n": 0}
    real_read = camera_module.Camera.read

    def unplugged_after_three(self):
        reads["n"] += 1
        if reads["n"] > 3:
            raise camera_module.CameraError(camera_module.ErrorCode.CAMERA_LOST,
                                            camera=camera_module.camera_name(0))
        return real_read(self)

    monkeypatch.setattr(camera_module.Camera, "read", unplugged_after_three)
    dialog = CameraDialog(write_video(tmp_path / "cam.avi"))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: "#1" in dialog.status.text(), timeout=5000)
    assert "摄像头" in dialog.status.text() and not dialog.capture_button.isEnabled()
    dialog.reject()


def test_with_two_cameras_the_other_one_can_be_chosen(qtbot, tmp_path):
    broken = tmp_path / "broken.avi"
    broken.write_bytes(b"not a video")
    dialog = CameraDialog([str(broken), write_video(tmp_path / "cam.avi")])
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.camera_box.isVisible()
    qtbot.waitUntil(lambda: "broken.avi" in dialog.status.text(), timeout=5000)
    dialog.camera_box.setCurrentIndex(1)
    qtbot.waitUntil(lambda: dialog.frames_shown >= 1, timeout=5000)
    assert dialog.capture_button.isEnabled() and "broken.avi" not in dialog.status.text()
    dialog.reject()

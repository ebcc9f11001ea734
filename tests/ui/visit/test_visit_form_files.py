"""audio / video / file questions: a file chosen in a file dialog is stored like a photo, shown
with its name and size, removable; a file of the wrong kind or too large is a message naming
it; `fieldapp check` finds the stored file referenced."""

from __future__ import annotations

import pytest
from form_helpers import open_form
from inline_xlsform import write_xlsform
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from fieldapp.core.attached_files import MAX_ATTACHMENT_BYTES
from fieldapp.store import visits as V
from fieldapp.store.check import check_database
from fieldapp.survey.loader import load_form
from fieldapp.ui.visit.visit_form_file import FileEditor

pytestmark = pytest.mark.ui


@pytest.fixture
def form(tmp_path):
    return load_form(write_xlsform(tmp_path / "files_test.xlsx", [
        ["type", "name", "label"],
        ["audio", "talk", "入户访谈录音"],
        ["video", "clip", "电视画面视频"],
        ["file", "paper", "签收单扫描件"]]))


def choose(monkeypatch, path) -> list:
    """The file dialog answers `path`; returns the filters it was opened with."""
    asked: list = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *a, **k: asked.append(a[3]) or (str(path), ""))
    return asked


def test_a_recording_is_attached_shown_by_name_and_removed(qtbot, demo_store, household, form,
                                                          tmp_path, monkeypatch):
    recording = tmp_path / "张三 入户访谈.m4a"
    recording.write_bytes(b"\x00\x00\x00\x18ftypM4A " + bytes(3000))
    w = open_form(qtbot, demo_store, household, form)
    editor = w.editors["talk"]
    assert isinstance(editor, FileEditor) and editor.info.text() == "No file attached"
    asked = choose(monkeypatch, recording)
    qtbot.mouseClick(editor.pick_button, Qt.LeftButton)
    assert "*.m4a" in asked[0] and "*.mp4" not in asked[0]
    assert w.flush()
    sha = V.get_visit(demo_store, w.visit_uuid)["answers"]["talk"]
    assert V.attachment(demo_store, sha)["content"] == recording.read_bytes()
    assert editor.info.text() == "张三 入户访谈.m4a · 3 KB"
    report = check_database(demo_store.path)
    assert report.ok and not [f for f in report.warnings if sha in f.examples]

    again = open_form(qtbot, demo_store, household, form, w.visit_uuid)
    assert again.editors["talk"].info.text() == "张三 入户访谈.m4a · 3 KB"
    qtbot.mouseClick(again.editors["talk"].remove_button, Qt.LeftButton)
    assert again.flush()
    assert "talk" not in V.get_visit(demo_store, w.visit_uuid)["answers"]
    assert again.editors["talk"].info.text() == "No file attached"


@pytest.mark.parametrize(("field", "name", "size", "said"), [
    ("clip", "电视.jpg", 100, "电视.jpg 不是视频文件（可用: .mp4"),
    ("clip", "太长.mp4", MAX_ATTACHMENT_BYTES + 1, "太长.mp4 太大（16.0 MB，视频最多 16 MB）"),
    ("paper", "空的.pdf", 0, "文件是空的: 空的.pdf"),
])
def test_a_file_that_does_not_fit_is_a_message_naming_it(qtbot, demo_store, household, form,
                                                         tmp_path, monkeypatch, field, name,
                                                         size, said):
    path = tmp_path / name
    with path.open("wb") as f:
        f.truncate(size)
    shown: list = []
    monkeypatch.setattr("fieldapp.ui.visit.visit_form_inputs.show_error",
                        lambda parent, exc, title=None: shown.append(str(exc)))
    w = open_form(qtbot, demo_store, household, form)
    choose(monkeypatch, path)
    qtbot.mouseClick(w.editors[field].pick_button, Qt.LeftButton)
    assert len(shown) == 1 and said in shown[0]
    assert w.visit_uuid is None and w.editors[field].value is None  # nothing answered


def test_body_accept_sets_what_the_picker_offers_and_what_is_attached(qtbot, demo_store,
                                                                      household, tmp_path,
                                                                      monkeypatch):
    form = load_form(write_xlsform(tmp_path / "accept_test.xlsx", [
        ["type", "name", "label", "body::accept"],
        ["file", "receipt", "签收单（PDF）", ".pdf"],
        ["image", "card", "卡号照片", "image/png"]]))
    shown: list = []
    monkeypatch.setattr("fieldapp.ui.visit.visit_form_inputs.show_error",
                        lambda parent, exc, title=None: shown.append(str(exc)))
    monkeypatch.setattr("fieldapp.ui.visit.visit_form.show_error",
                        lambda parent, exc, title=None: shown.append(str(exc)))
    w = open_form(qtbot, demo_store, household, form)

    def pick(field: str, name: str, content: bytes) -> list:
        path = tmp_path / name
        path.write_bytes(content)
        asked = choose(monkeypatch, path)
        qtbot.mouseClick(w.editors[field].pick_button, Qt.LeftButton)
        return asked

    assert pick("receipt", "签收单.docx", b"PK" + bytes(100)) == ["Allowed files (*.pdf)"]
    assert len(shown) == 1 and "签收单.docx 不是文档文件（可用: .pdf）" in shown[0]
    pick("receipt", "签收单.pdf", b"%PDF-1.4" + bytes(100))
    assert w.flush() and len(shown) == 1
    assert V.attachment(demo_store, V.get_visit(demo_store, w.visit_uuid)["answers"]["receipt"]
                        )["content"] == b"%PDF-1.4" + bytes(100)
    assert pick("card", "卡号.jpg", b"\xff\xd8" + bytes(100)) == ["Pictures (*.png)"]
    assert len(shown) == 2 and "卡号.jpg 不是图片文件（可用: .png）" in shown[1]

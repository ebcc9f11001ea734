"""A signature (`image` with appearance `signature`): the surveyor draws it with the mouse, it is
stored as a PNG attachment like a photo, and the visit shows it again when reopened."""

from __future__ import annotations

import pytest
from inline_xlsform import write_xlsform
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage

from fieldapp.store import visits as V
from fieldapp.store.check import check_database
from fieldapp.survey.loader import load_form
from fieldapp.ui.visit.visit_form import VisitFormWidget
from fieldapp.ui.visit.visit_form_signature import SignatureEditor

pytestmark = pytest.mark.ui


def make_form(tmp_path):
    return load_form(write_xlsform(tmp_path / "sign_test.xlsx", [
        ["type", "name", "label", "appearance"],
        ["text", "head", "户主姓名", ""],
        ["image", "sign", "户主签字", "signature"],
        ["text", "remark", "备注", ""]]))


def ink(image: QImage) -> int:
    """Pixels that are not white."""
    white = QColor("white").rgb()
    return sum(image.pixel(x, y) != white for y in range(0, image.height(), 2)
               for x in range(0, image.width(), 2))


def draw(qtbot, pad, points):
    qtbot.mousePress(pad, Qt.LeftButton, pos=QPoint(*points[0]))
    for x, y in points[1:]:
        qtbot.mouseMove(pad, QPoint(x, y))
    qtbot.mouseRelease(pad, Qt.LeftButton, pos=QPoint(*points[-1]))


def test_a_drawn_signature_is_stored_as_png_and_shown_again(qtbot, demo_store, household,
                                                            tmp_path):
    form = make_form(tmp_path)
    w = VisitFormWidget(demo_store, household, form, language="zh")
    qtbot.addWidget(w)
    w.show()
    editor = w.editors["sign"]
    assert isinstance(editor, SignatureEditor)
    assert ink(editor.pad.image) == 0
    draw(qtbot, editor.pad, [(20, 100), (60, 30), (100, 110), (160, 40), (220, 90)])
    draw(qtbot, editor.pad, [(240, 60), (300, 60)])
    assert ink(editor.pad.image) > 0
    qtbot.keyClick(editor.pad, Qt.Key_Return)  # Enter stores it and moves on
    assert w.focusWidget() is not editor.pad
    assert w.flush()

    sha = V.get_visit(demo_store, w.visit_uuid)["answers"]["sign"]
    att = V.attachment(demo_store, sha)
    assert att["media_type"] == "image/png"
    stored = QImage.fromData(att["content"], "PNG")
    assert not stored.isNull() and ink(stored) > 0

    again = VisitFormWidget(demo_store, household, form, visit_uuid=w.visit_uuid, language="zh")
    qtbot.addWidget(again)
    again.show()
    assert again.editors["sign"].value == sha
    assert ink(again.editors["sign"].pad.image) > 0


def test_clear_removes_the_signature(qtbot, demo_store, household, tmp_path):
    w = VisitFormWidget(demo_store, household, make_form(tmp_path), language="zh")
    qtbot.addWidget(w)
    w.show()
    editor = w.editors["sign"]
    draw(qtbot, editor.pad, [(20, 20), (200, 120)])
    assert w.flush()  # closing or completing keeps a drawing not yet stored
    assert V.get_visit(demo_store, w.visit_uuid)["answers"]["sign"]
    qtbot.mouseClick(editor.clear_button, Qt.LeftButton)
    assert ink(editor.pad.image) == 0
    assert w.flush()
    assert not V.get_visit(demo_store, w.visit_uuid)["answers"].get("sign")


def test_tab_leaves_the_pad_and_keeps_the_signature(qtbot, demo_store, household, tmp_path):
    w = VisitFormWidget(demo_store, household, make_form(tmp_path), language="zh")
    qtbot.addWidget(w)
    with qtbot.waitActive(w):  # focus moves only in the active window
        w.show()
        w.activateWindow()
    w.focus_field("sign")
    pad = w.editors["sign"].pad
    draw(qtbot, pad, [(30, 30), (120, 100), (200, 40)])
    qtbot.keyClick(pad, Qt.Key_Tab)
    assert w.editors["remark"].isAncestorOf(w.focusWidget())
    assert V.get_visit(demo_store, w.visit_uuid)["answers"]["sign"] == w.editors["sign"].value


def orphans(store) -> int:
    """Attachments `fieldapp check` finds unused by any answer."""
    found = [f for f in check_database(store.path).warnings if f.check == "orphan_attachments"]
    return found[0].count if found else 0


def test_a_signature_drawn_again_or_cleared_leaves_no_picture_behind(qtbot, demo_store,
                                                                     household, tmp_path):
    before = orphans(demo_store)
    w = VisitFormWidget(demo_store, household, make_form(tmp_path), language="zh")
    qtbot.addWidget(w)
    w.show()
    editor = w.editors["sign"]
    draw(qtbot, editor.pad, [(20, 100), (60, 30), (100, 110)])
    assert w.flush()
    first = editor.value
    draw(qtbot, editor.pad, [(140, 60), (220, 60)])  # signed on after it was stored
    assert w.flush()
    second = editor.value
    assert first != second and V.attachment(demo_store, second)
    assert V.attachment(demo_store, first) is None  # the half-drawn picture is gone
    assert orphans(demo_store) == before

    qtbot.mouseClick(editor.clear_button, Qt.LeftButton)
    assert w.flush()
    assert V.attachment(demo_store, second) is None
    report = check_database(demo_store.path)
    assert report.ok and orphans(demo_store) == before

    draw(qtbot, editor.pad, [(20, 100), (60, 30), (100, 110)])  # the same strokes again
    assert w.flush()
    assert V.attachment(demo_store, editor.value)  # stored anew, not the deleted picture
    assert check_database(demo_store.path).ok

"""What a question's control carries: body::accept of attachment questions (which files the
picker offers and attaching accepts) and a geopoint's accuracy thresholds (ODK's
capture-accuracy / warning-accuracy parameters, or the older body:: columns)."""

from __future__ import annotations

import pytest

from fieldapp.core.attached_files import accepted_extensions, read_attachment_file
from fieldapp.core.errors import BadValue
from fieldapp.survey.errors import FormError
from fieldapp.survey.loader import load_form


def test_body_accept_is_read_for_attachment_questions_and_what_is_not_understood_noted(xlsform):
    form = load_form(xlsform([
        ["type", "name", "label", "body::accept"],
        ["file", "receipt", "签收单", ".PDF, image/*"],
        ["image", "card", "机顶盒卡号照片", "image/png"],
        ["audio", "talk", "访谈录音", "audio/*; pdf"],
        ["text", "note", "备注", ".pdf"]]))
    f = form.fields
    assert f["receipt"].accept == (".pdf", "image/*")
    assert f["card"].accept == ("image/png",)
    assert f["talk"].accept == ("audio/*",)
    assert f["note"].accept == ()  # not an attachment: nothing to accept
    notes = [str(w) for w in form.warnings if "pdf" in str(w)]
    assert len(notes) == 1 and "第 4 行" in notes[0] and "body::accept" in notes[0]


def test_accepted_extensions_follow_body_accept_else_the_types_own():
    assert accepted_extensions("file", (".pdf",)) == (".pdf",)
    assert ".png" in accepted_extensions("file", ("image/*",))
    assert ".pdf" not in accepted_extensions("file", ("image/*",))
    assert accepted_extensions("image", ("image/png",)) == (".png",)
    assert ".m4a" in accepted_extensions("audio", ("audio/*",))
    assert accepted_extensions("file", ()) == accepted_extensions("file", ("x-unknown/none",))


def test_attaching_a_file_body_accept_does_not_list_is_refused_naming_it(tmp_path):
    doc = tmp_path / "签收单.docx"
    doc.write_bytes(b"PK" + bytes(100))
    assert read_attachment_file(doc, "file")[0].startswith(b"PK")  # fine without accept
    with pytest.raises(BadValue) as info:
        read_attachment_file(doc, "file", (".pdf",))
    assert "签收单.docx 不是文档文件（可用: .pdf）" in str(info.value)
    kml = tmp_path / "走线.kml"
    kml.write_text("<kml/>")
    assert read_attachment_file(kml, "file", (".kml",))[0] == b"<kml/>"  # the form's own type


def test_geopoint_accuracy_thresholds_from_parameters_or_body_columns(xlsform):
    form = load_form(xlsform([
        ["type", "name", "label", "parameters", "body::accuracyThreshold",
         "body::unacceptableAccuracyThreshold"],
        ["geopoint", "dish", "天线", "capture-accuracy=5 warning-accuracy=20"],
        ["geopoint", "old", "旧写法", "", "3", "50"],
        ["geopoint", "plain", "未设", ""],
        ["geotrace", "cable", "线路", "", "3"]]))
    f = form.fields
    assert (f["dish"].capture_accuracy, f["dish"].warning_accuracy) == (5.0, 20.0)
    assert (f["old"].capture_accuracy, f["old"].warning_accuracy) == (3.0, 50.0)
    assert (f["plain"].capture_accuracy, f["plain"].warning_accuracy) == (None, None)
    assert f["cable"].capture_accuracy is None


def test_a_position_without_measured_accuracy_gets_a_note_in_either_language(xlsform):
    # ODK Collect stores a point placed on its map with accuracy 0: not measured either
    from fieldapp.survey.runtime import FormState

    form = load_form(xlsform([
        ["type", "name", "label", "parameters", "body::accuracyThreshold"],
        ["geopoint", "dish", "天线", "warning-accuracy=20", ""],
        ["geopoint", "old", "旧写法", "", "3"]]))
    state = FormState.new(form)
    assert state.note("dish") is None  # not answered
    for text in ("35.6 110.98", "35.6 110.98 0 0"):
        state.set("dish", text)
        assert "20 米以内" in state.note("dish")
    state.set("old", "35.6 110.98 612 8")
    assert state.note("old") is None  # measured; no warning accuracy to compare with
    state.set("dish", "35.6 110.98 612 25")
    assert "比表单要求的 20 米差" in state.note("dish")
    assert state.is_complete()  # a note never blocks
    english = FormState.new(form, language="en")
    english.set("dish", "35.6 110.98")
    assert "no measured accuracy" in english.note("dish")


def test_an_accuracy_that_is_no_number_is_refused_naming_row_and_column(xlsform):
    with pytest.raises(FormError) as info:
        load_form(xlsform([
            ["type", "name", "label", "parameters", "body::accuracyThreshold"],
            ["geopoint", "a", "甲", "capture-accuracy=five"],
            ["geopoint", "b", "乙", "", "-3"]]))
    got = [(p.code, p.row, p.column) for p in info.value.problems]
    assert got == [("bad_parameters", 2, "parameters"),
                   ("bad_parameters", 3, "body::accuracyThreshold")]
    assert "capture-accuracy 应写精度米数" in info.value.problems[0].message

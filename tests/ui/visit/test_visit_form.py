"""Filling in the household checklist in the Qt form: keys, relevance, checks, completion,
drafts, photos, older versions and the history."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage

from fieldapp.store.households import queries
from fieldapp.store import visits as V
from fieldapp.survey.registry import bundled_form
from fieldapp.ui.households.history_dialog import HistoryDialog
from fieldapp.ui.visit.visit_form import VisitFormWidget

pytestmark = pytest.mark.ui


@pytest.fixture
def form():
    return bundled_form("huhutong_household")


@pytest.fixture
def no_recent(monkeypatch):
    """The village has no earlier visits: `${last-saved#…}` defaults start empty."""
    monkeypatch.setattr(V, "recent_answers", lambda *a, **k: {})


@pytest.fixture
def widget(qtbot, demo_store, household, form, no_recent):
    w = VisitFormWidget(demo_store, household, form, language="zh")
    qtbot.addWidget(w)
    w.resize(760, 690)
    w.show()
    w.focus_field("visit_result")  # the tests below walk the form from its first question
    return w


def keys(qtbot, w, *texts):
    for text in texts:
        qtbot.keyClicks(w.focusWidget(), text)


def current(w) -> str | None:
    focus = w.focusWidget()
    for name, editor in w.editors.items():
        if focus is editor or editor.isAncestorOf(focus):
            return name
    return None


def test_opens_on_the_first_open_question_and_nothing_is_saved_yet(widget, demo_store,
                                                                   household):
    widget.focus_next()
    assert widget.state.answers["visit_result"] == "met"  # the usual case is the default
    assert current(widget) == "reception_mode"  # the first question without an answer
    assert not widget.rows["works_now"].isVisible()  # only once a reception mode is known
    assert not widget.complete_button.isEnabled()
    assert V.latest_draft(demo_store, household, "huhutong_household") is None


def test_last_saved_defaults_come_from_the_villages_latest_visits(qtbot, demo_store, form):
    """`${last-saved#…}`: a new visit starts with the latest answers given in its village."""
    village, uuid = demo_store.conn.execute(
        "SELECT village_code, uuid FROM households WHERE status = 'not_visited'"
        " ORDER BY uuid LIMIT 1").fetchone()
    recent = V.recent_answers(demo_store, uuid, "huhutong_household",
                              ["reception_mode", "operator", "broadband"])
    w = VisitFormWidget(demo_store, uuid, form, language="zh")
    qtbot.addWidget(w)
    for name, value in recent.items():
        assert w.state.answers[name] == value
    # this laptop's own latest visits in the village count first
    others = [u for (u,) in demo_store.conn.execute(
        "SELECT uuid FROM households WHERE village_code = ? AND uuid <> ? LIMIT 3",
        (village, uuid))]
    for other in others:
        vid = V.start_visit(demo_store, "甲", other, "huhutong_household", form.version,
                            {"visit_result": "met", "reception_mode": "dtmb"})
        V.complete_visit(demo_store, "甲", vid, {})
    again = VisitFormWidget(demo_store, uuid, form, language="zh")
    qtbot.addWidget(again)
    assert again.state.answers["reception_mode"] == "dtmb"


def test_digit_picks_and_moves_on_and_saves_at_once(widget, qtbot, demo_store, household):
    keys(qtbot, widget, "1")
    assert widget.state.answers["visit_result"] == "met"
    assert current(widget) == "reception_mode"
    assert widget.rows["reception_mode"].isVisible()
    keys(qtbot, widget, "2")  # IPTV
    assert current(widget) == "operator"  # works_now defaults to yes: the next open question
    widget.focus_field("reception_mode")
    draft = V.latest_draft(demo_store, household, "huhutong_household")
    assert draft["answers"]["visit_result"] == "met"
    assert draft["answers"]["tv_sets"] == 1  # defaults are saved with the first answer
    keys(qtbot, widget, "5")  # none: not covered
    assert current(widget) == "broadband"  # works_now etc. no longer apply; tv_sets has 1
    assert widget.rows["not_covered_reason"].isVisible()
    assert not widget.rows["operator"].isVisible()


def test_a_covered_visit_completes_and_changes_the_status(widget, qtbot, demo_store, household):
    # met, IPTV, China Telecom, broadband, emergency terminal, satisfied
    keys(qtbot, widget, "1", "2", "1", "1", "1", "1")
    assert current(widget) == "head_phone" and not widget.complete_button.isEnabled()
    qtbot.keyClick(widget.focusWidget(), Qt.Key_Tab)  # no phone: the head confirms in person
    assert current(widget) == "head_confirmed"
    keys(qtbot, widget, "1")
    assert widget.complete_button.isEnabled()
    qtbot.keyClick(widget.focusWidget(), Qt.Key_Return, Qt.ControlModifier)
    assert widget.read_only and not widget.complete_button.isVisible()
    hh = queries.household(demo_store, household)
    assert hh["status"] == "covered"
    visit = V.get_visit(demo_store, widget.visit_uuid)
    assert visit["state"] == "complete"
    assert visit["answers"]["operator"] == "telecom" and visit["answers"]["covered"] == "yes"


def test_nobody_home_drops_defaults_that_do_not_apply(widget, qtbot, demo_store, household):
    keys(qtbot, widget, "2")
    assert widget.complete()
    visit = V.get_visit(demo_store, widget.visit_uuid)
    assert visit["answers"] == {"visit_result": "nobody_home", "covered": "no"}
    assert queries.household(demo_store, household)["status_reason"] == "nobody_home"


def test_complete_is_refused_with_inline_messages(widget, qtbot):
    keys(qtbot, widget, "1", "1")
    assert not widget.complete()
    assert widget.rows["operator"].error.isVisible()
    assert widget.rows["operator"].error.text() == "此项必填"
    assert current(widget) == "operator"
    assert "项需要填写" in widget.todo_button.text() or "question" in widget.todo_button.text()


def test_typed_numbers_are_checked_inline(widget, qtbot):
    keys(qtbot, widget, "1", "3")  # met, satellite
    widget.focus_field("tv_sets")
    line = widget.editors["tv_sets"].line
    line.selectAll()
    qtbot.keyClicks(line, "25")
    qtbot.keyClick(line, Qt.Key_Return)
    assert widget.rows["tv_sets"].error.text() == "有接收方式时至少 1 台，最多 20 台"
    line.selectAll()
    qtbot.keyClicks(line, "two")
    qtbot.keyClick(line, Qt.Key_Return)
    assert "整数" in widget.rows["tv_sets"].error.text()
    assert widget.state.answers["tv_sets"] == 25  # the bad text never became an answer
    assert not widget.complete()
    line.selectAll()
    qtbot.keyClicks(line, "2")
    qtbot.keyClick(line, Qt.Key_Return)
    assert not widget.rows["tv_sets"].error.isVisible()
    assert widget.state.answers["tv_sets"] == 2


def test_operator_choices_follow_reception_mode(widget, qtbot):
    keys(qtbot, widget, "1", "1")  # cable
    editor = widget.editors["operator"]
    assert editor.names == ["telecom", "cable_co", "other"]
    assert [b.text() for b in editor.buttons] == ["1 中国电信", "2 广电网络公司", "3 其他"]


def test_clicking_a_choice_works_like_its_digit(widget, qtbot):
    editor = widget.editors["visit_result"]
    qtbot.mouseClick(editor.buttons[2], Qt.LeftButton)
    assert widget.state.answers["visit_result"] == "vacant"
    assert widget.complete_button.isEnabled()


def test_text_is_saved_while_typing(widget, qtbot, demo_store, household):
    keys(qtbot, widget, "1")
    widget.focus_field("notes")
    widget.editors["notes"].line.setText("门口有狗")  # Chinese cannot go through keyClicks
    widget.editors["notes"].line.textEdited.emit("门口有狗")
    qtbot.waitUntil(lambda: V.latest_draft(demo_store, household, "huhutong_household")
                    ["answers"].get("notes") == "门口有狗", timeout=3000)


def test_draft_is_resumed_with_its_answers(qtbot, widget, demo_store, household, form):
    keys(qtbot, widget, "1", "2")
    again = VisitFormWidget(demo_store, household, form, language="zh")
    qtbot.addWidget(again)
    assert again.visit_uuid == widget.visit_uuid
    assert again.editors["reception_mode"].selected == ["iptv"]
    assert again.state.answers["visit_result"] == "met"


def test_complete_visit_opens_read_only_and_can_be_corrected(qtbot, demo_store, form):
    visit = demo_store.conn.execute(
        "SELECT uuid, household_uuid FROM visits WHERE state = 'complete' AND answers LIKE"
        " '%\"works_now\":\"yes\"%' LIMIT 1").fetchone()
    w = VisitFormWidget(demo_store, visit[1], form, visit_uuid=visit[0], language="zh")
    qtbot.addWidget(w)
    w.show()
    assert w.read_only and w.reopen_button.isVisible()
    assert not w.editors["visit_result"].isEnabled()
    w.reopen()
    assert not w.read_only
    others = demo_store.conn.execute("SELECT count(*) FROM visits WHERE household_uuid = ?"
                                     " AND state = 'complete'", (visit[1],)).fetchone()[0]
    if not others:  # the status falls back while the only visit is being corrected
        assert queries.household(demo_store, visit[1])["status"] == "not_visited"
    assert w.complete()
    assert queries.household(demo_store, visit[1])["status"] == "covered"


def test_a_visit_from_an_older_form_version_shows_all_answers(qtbot, demo_store, household,
                                                               form):
    uuid = V.start_visit(demo_store, "甲", household, "huhutong_household", "2025010101",
                         {"visit_result": "met", "reception_mode": "cable",
                          "old_question": "旧答案"})
    w = VisitFormWidget(demo_store, household, form, visit_uuid=uuid, language="zh")
    qtbot.addWidget(w)
    w.show()
    assert w.version_note.isVisible() and "2025010101" in w.version_note.text()
    assert w.editors["reception_mode"].selected == ["cable"]
    texts = [lbl.text() for lbl in w.findChildren(type(w.title))]
    assert "old_question: 旧答案" in texts


def _picture(path, w=3000, h=2000):
    img = QImage(w, h, QImage.Format_RGB32)
    img.fill(QColor("steelblue"))
    assert img.save(str(path))
    return path


def test_photo_is_downscaled_stored_and_shown(widget, qtbot, demo_store, tmp_path, form):
    keys(qtbot, widget, "1")
    sha = widget.store_photo(form.fields["photo"], str(_picture(tmp_path / "tv.png")))
    widget.editors["photo"].edited.emit(sha, True)
    att = V.attachment(demo_store, sha)
    stored = QImage.fromData(att["content"])
    assert max(stored.width(), stored.height()) == 1600  # the form's max-pixels
    assert att["media_type"] == "image/jpeg" and len(att["thumbnail"]) < len(att["content"])
    assert not widget.editors["photo"].preview.pixmap().isNull()
    draft = V.get_visit(demo_store, widget.visit_uuid)
    assert draft["answers"]["photo"] == sha


def test_a_replaced_photo_is_not_left_over_and_can_be_chosen_again(widget, qtbot, demo_store,
                                                           tmp_path, form):
    keys(qtbot, widget, "1")
    photo = form.fields["photo"]
    first = widget.store_photo(photo, str(_picture(tmp_path / "first.png", 900, 600)))
    widget.editors["photo"].edited.emit(first, True)
    second = widget.store_photo(photo, str(_picture(tmp_path / "second.png", 600, 900)))
    widget.editors["photo"].edited.emit(second, True)  # the saved answer replaced
    assert V.attachment(demo_store, first) is None
    assert V.get_visit(demo_store, widget.visit_uuid)["answers"]["photo"] == second
    again = widget.store_photo(photo, str(_picture(tmp_path / "first.png", 900, 600)))
    assert again == first and V.attachment_info(demo_store, first) is not None
    widget.editors["photo"].edited.emit(first, True)  # the first one was right after all
    assert widget.flush()
    assert V.attachment(demo_store, first) is not None
    assert V.attachment(demo_store, second) is None


def test_a_broken_photo_file_is_a_message(widget, tmp_path, form, monkeypatch):
    shown = []
    monkeypatch.setattr("fieldapp.ui.visit.visit_form.show_error",
                        lambda parent, exc, title=None: shown.append(str(exc)))
    bad = tmp_path / "broken.jpg"
    bad.write_bytes(b"\xff\xd8\xff\xe0 not a picture")
    assert widget.store_photo(form.fields["photo"], str(bad)) is None
    assert shown and "broken.jpg" in shown[0]


def test_history_shows_every_change_in_form_words(widget, qtbot, demo_store, household, form):
    keys(qtbot, widget, "1", "2")
    widget.focus_field("visit_result")
    keys(qtbot, widget, "3")  # changed mind: vacant
    dlg = HistoryDialog(demo_store, household, form)
    qtbot.addWidget(dlg)
    rows = [[dlg.tree.topLevelItem(i).text(c) for c in range(6)]
            for i in range(dlg.tree.topLevelItemCount())]
    assert ["走访结果", "见到住户", "空置房"] in [r[3:] for r in rows]
    assert any(r[3:] == ["电视接收方式", "", "IPTV（通信运营商）"] for r in rows)
    assert all(r[0] and r[2] for r in rows)  # when and which device


def test_tab_moves_through_the_questions_that_apply(widget, qtbot):
    keys(qtbot, widget, "1")
    assert current(widget) == "reception_mode"
    assert not widget.rows["works_now"].isVisible()  # only once a reception mode is known
    qtbot.keyClick(widget.focusWidget(), Qt.Key_Tab)
    assert current(widget) == "tv_sets"
    qtbot.keyClick(widget.focusWidget(), Qt.Key_Tab)
    assert current(widget) == "broadband"
    qtbot.keyClick(widget.focusWidget(), Qt.Key_Backtab)
    assert current(widget) == "tv_sets"

"""Visits saved answer by answer, completed, audited; photos stored once by sha256."""

from __future__ import annotations

import hashlib

import pytest

from fieldapp.store.households import queries
from fieldapp.store import visits as V


@pytest.fixture
def hh(demo_store):
    return demo_store.conn.execute(
        "SELECT uuid FROM households WHERE status = 'not_visited' LIMIT 1").fetchone()[0]


def test_draft_then_complete_changes_status(demo_store, hh):
    uuid = V.start_visit(demo_store, "王海燕", hh, "huhutong_household", "2026112501",
                         {"visit_result": "met", "tv_sets": 1, "notes": None})
    draft = V.latest_draft(demo_store, hh, "huhutong_household")
    assert draft["uuid"] == uuid and draft["answers"] == {"visit_result": "met", "tv_sets": 1}
    assert queries.household(demo_store, hh)["status"] == "not_visited"  # drafts do not count
    assert V.save_answers(demo_store, "王海燕", uuid, {"reception_mode": "iptv",
                                                     "works_now": "yes",
                                                     "channels": "cctv county"}) == 3
    assert V.save_answers(demo_store, "王海燕", uuid, {"works_now": "yes"}) == 0
    V.complete_visit(demo_store, "王海燕", uuid, {"tv_sets": None})
    visit = V.get_visit(demo_store, uuid)
    assert visit["state"] == "complete" and visit["ended_at"]
    assert "tv_sets" not in visit["answers"]
    assert queries.household(demo_store, hh)["status"] == "covered"
    assert V.latest_draft(demo_store, hh, "huhutong_household") is None
    V.reopen_visit(demo_store, "王海燕", uuid)
    assert queries.household(demo_store, hh)["status"] == "not_visited"


def test_every_answer_change_is_audited_and_logged(demo_store, hh):
    uuid = V.start_visit(demo_store, "李建华", hh, "huhutong_household", "2026112501",
                         {"visit_result": "met"})
    V.save_answers(demo_store, "李建华", uuid, {"visit_result": "vacant"})
    history = V.household_history(demo_store, hh)
    changes = [(h["field"], h["old"], h["new"], h["user"]) for h in history]
    assert changes[:2] == [("answers.visit_result", "met", "vacant", "李建华"),
                           ("answers.visit_result", None, "met", "李建华")]
    assert all(h["device_id"] == demo_store.device_id and h["at"] for h in history)
    logged = demo_store.conn.execute(
        "SELECT count(*) FROM changes WHERE tbl = 'visits' AND record_uuid = ?",
        (uuid,)).fetchone()[0]
    assert logged == 3  # insert, first answers, the change


def test_history_covers_household_edits_and_only_this_household(demo_store, hh):
    other = demo_store.conn.execute(
        "SELECT uuid FROM households WHERE uuid != ? LIMIT 1", (hh,)).fetchone()[0]
    V.start_visit(demo_store, "甲", other, "huhutong_household", "1", {"visit_result": "met"})
    with demo_store.write("乙") as w:
        w.update("households", hh, {"phone": "13912345678"})
    history = V.household_history(demo_store, hh)
    assert [(h["tbl"], h["field"]) for h in history] == [("households", "phone")]


def test_photo_stored_once_by_sha256(demo_store):
    content = b"\xff\xd8\xff fake jpeg" * 100
    sha = V.put_attachment(demo_store, "甲", content, "image/jpeg", b"thumb")
    assert sha == hashlib.sha256(content).hexdigest()
    assert V.put_attachment(demo_store, "甲", content, "image/jpeg", b"thumb") == sha
    rows = demo_store.conn.execute("SELECT count(*) FROM attachments").fetchone()[0]
    assert rows == 1
    att = V.attachment(demo_store, sha)
    assert att["content"] == content and att["size"] == len(content)
    assert V.thumbnail(demo_store, sha) == b"thumb"
    assert V.attachment(demo_store, "0" * 64) is None

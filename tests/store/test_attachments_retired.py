"""An attachment no answer names any more is retired in the same write: a photo replaced or
cleared on a visit, a public place deleted. It is kept while another record names it, and a
laptop leaves other devices' attachments alone. Named again (the same photo chosen again, a
deleted place restored by undo), it comes back. `check` then finds nothing unused."""

from __future__ import annotations

import json

import pytest

from fieldapp.store import Store
from fieldapp.store import public_places as P
from fieldapp.store import visits as V
from fieldapp.store.check import check_database

VERSION = "2026112501"


@pytest.fixture
def db(demo_path):
    with Store.open(demo_path) as s:
        yield s


def households(s, n=2):
    return [r[0] for r in s.conn.execute("SELECT uuid FROM households ORDER BY uuid LIMIT ?",
                                         (n,))]


def unused(path) -> list[str]:
    return [sha for w in check_database(path).warnings if w.check == "orphan_attachments"
            for sha in w.examples]


def attachment_changes(s, sha) -> list[tuple[str, str]]:
    uuid = s.conn.execute("SELECT uuid FROM attachments WHERE sha256 = ?", (sha,)).fetchone()[0]
    return [(op, json.loads(data)) for op, data in s.conn.execute(
        "SELECT op, data FROM changes WHERE record_uuid = ? ORDER BY seq", (uuid,))]


def test_a_replaced_or_cleared_photo_is_retired_and_logged(db, demo_path):
    hh, = households(db, 1)
    old = V.put_attachment(db, "甲", b"\xff\xd8 tv photo one", "image/jpeg")
    new = V.put_attachment(db, "甲", b"\xff\xd8 tv photo two", "image/jpeg")
    talk = V.put_attachment(db, "甲", b"recording", "audio/mp4")
    visit = V.start_visit(db, "甲", hh, "huhutong_household", VERSION,
                          {"tv_photo": old, "talk": talk})
    V.save_answers(db, "甲", visit, {"tv_photo": new})
    assert V.attachment(db, old) is None and V.attachment(db, new) is not None
    assert [op for op, _ in attachment_changes(db, old)] == ["insert", "delete"]
    V.save_answers(db, "甲", visit, {"talk": None})  # the recording removed
    assert V.attachment(db, talk) is None
    assert unused(demo_path) == []
    assert check_database(demo_path).ok


def test_a_photo_another_record_names_is_kept(db, demo_path):
    a, b = households(db)
    shared = V.put_attachment(db, "甲", b"\xff\xd8 one photo, two visits", "image/jpeg")
    first = V.start_visit(db, "甲", a, "huhutong_household", VERSION, {"tv_photo": shared})
    second = V.start_visit(db, "甲", b, "huhutong_household", VERSION, {"tv_photo": shared})
    V.save_answers(db, "甲", first, {"tv_photo": None})
    assert V.attachment(db, shared) is not None  # the second visit still shows it
    V.discard_visit(db, "甲", second)
    assert V.attachment(db, shared) is None
    assert unused(demo_path) == []


def test_a_deleted_place_retires_its_photo_and_undo_brings_it_back(db, demo_path):
    photo = V.put_attachment(db, "甲", b"\xff\xd8 school gate", "image/jpeg")
    uuid = P.create_place(db, "甲", "140824100", VERSION,
                          {"place_name": "稷峰镇中心小学", "photo": photo})
    place = P.delete_place(db, "甲", uuid)
    assert V.attachment(db, photo) is None
    assert unused(demo_path) == [] and check_database(demo_path).ok
    P.restore_place(db, "甲", place)  # undo
    assert V.attachment(db, photo)["content"] == b"\xff\xd8 school gate"
    assert [op for op, _ in attachment_changes(db, photo)] == ["insert", "delete", "update"]
    assert attachment_changes(db, photo)[-1][1] == {"deleted": 0}
    assert check_database(demo_path).ok and unused(demo_path) == []


def test_the_same_photo_chosen_again_comes_back(db, demo_path):
    hh, = households(db, 1)
    first = V.put_attachment(db, "甲", b"\xff\xd8 first", "image/jpeg")
    visit = V.start_visit(db, "甲", hh, "huhutong_household", VERSION, {"tv_photo": first})
    V.save_answers(db, "甲", visit, {"tv_photo": V.put_attachment(
        db, "甲", b"\xff\xd8 second", "image/jpeg")})
    assert V.attachment(db, first) is None
    again = V.put_attachment(db, "甲", b"\xff\xd8 first", "image/jpeg")  # chosen again
    assert again == first and V.attachment_info(db, first) is not None  # shown in the form
    V.save_answers(db, "甲", visit, {"tv_photo": first})
    assert V.attachment(db, first) is not None
    report = check_database(demo_path)
    assert report.ok and first not in unused(demo_path)


def test_a_laptop_leaves_another_devices_attachment_alone(db, demo_path):
    hh, = households(db, 1)
    theirs = V.put_attachment(db, "甲", b"\xff\xd8 from another laptop", "image/jpeg")
    visit = V.start_visit(db, "甲", hh, "huhutong_household", VERSION, {"tv_photo": theirs})
    db.set_settings({"role": "township"})
    with db.transaction():
        db.conn.execute("UPDATE attachments SET device_id = 'another-laptop' WHERE sha256 = ?",
                        (theirs,))
    V.save_answers(db, "甲", visit, {"tv_photo": None})
    assert V.attachment(db, theirs) is not None  # the county would refuse its deletion

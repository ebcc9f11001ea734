"""Whether another record still names a photo is read from attachment_refs, which the database
keeps in step with the answers (migration v022): a photo named inside a repeat of another
visit is kept, and a county database upgraded from version 21 keeps the photos its visits
already showed and retires them once nothing names them."""

from __future__ import annotations

import sqlite3

from fieldapp.store import Store
from fieldapp.store import visits as V

VERSION = "2026112501"


def two_households(s) -> list[str]:
    return [r[0] for r in s.conn.execute("SELECT uuid FROM households ORDER BY uuid LIMIT 2")]


def test_a_photo_another_visit_names_in_a_repeat_is_kept(demo_path):
    with Store.open(demo_path) as s:
        a, b = two_households(s)
        shared = V.put_attachment(s, "甲", b"\xff\xd8 a member's photo", "image/jpeg")
        first = V.start_visit(s, "甲", a, "huhutong_household", VERSION, {"tv_photo": shared})
        second = V.start_visit(s, "甲", b, "huhutong_household", VERSION,
                               {"members": [{"member_name": "朱淑珍", "photo": shared}]})
        V.save_answers(s, "甲", first, {"tv_photo": None})
        assert V.attachment(s, shared) is not None  # the second visit's member still shows it
        V.save_answers(s, "甲", second, {"members": [{"member_name": "朱淑珍"}]})
        assert V.attachment(s, shared) is None


def test_a_database_from_before_version_22_learns_which_visits_name_its_photos(demo_path):
    with Store.open(demo_path) as s:
        a, b = two_households(s)
        shared = V.put_attachment(s, "甲", b"\xff\xd8 shown by two visits", "image/jpeg")
        first = V.start_visit(s, "甲", a, "huhutong_household", VERSION, {"tv_photo": shared})
        second = V.start_visit(s, "甲", b, "huhutong_household", VERSION, {"tv_photo": shared})
    conn = sqlite3.connect(demo_path)  # as the database was before version 22
    with conn:
        for table in ("visits", "public_places"):
            for op in ("insert", "update", "delete"):
                conn.execute(f"DROP TRIGGER {table}_refs_{op}")
        conn.execute("DROP TABLE attachment_refs")
        conn.execute("PRAGMA user_version = 21")
    conn.close()

    with Store.open(demo_path) as s:  # upgraded on opening
        assert s.schema_version >= 22
        V.save_answers(s, "甲", first, {"tv_photo": None})
        assert V.attachment(s, shared) is not None  # the second visit still shows it
        V.save_answers(s, "甲", second, {"tv_photo": None})
        assert V.attachment(s, shared) is None  # nothing names it now: retired

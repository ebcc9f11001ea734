"""`fieldapp check` after a photo is replaced on a visit and a public place with a photo is
deleted: nothing is reported unused (before, both photos stayed behind as a warning)."""

from __future__ import annotations

import json

from fieldapp.cli import main
from fieldapp.store import Store
from fieldapp.store import public_places as P
from fieldapp.store import visits as V

VERSION = "2026112501"


def test_check_warns_of_nothing_after_a_replacement_and_a_deletion(demo_path, capsys):
    with Store.open(demo_path) as s:
        hh = s.conn.execute("SELECT uuid FROM households ORDER BY uuid LIMIT 1").fetchone()[0]
        old = V.put_attachment(s, "甲", b"\xff\xd8 first try", "image/jpeg")
        visit = V.start_visit(s, "甲", hh, "huhutong_household", VERSION, {"tv_photo": old})
        V.save_answers(s, "甲", visit, {"tv_photo": V.put_attachment(
            s, "甲", b"\xff\xd8 second try", "image/jpeg")})
        gate = V.put_attachment(s, "甲", b"\xff\xd8 school gate", "image/jpeg")
        place = P.create_place(s, "甲", "140824100", VERSION,
                               {"place_name": "稷峰镇中心小学", "photo": gate})
        P.delete_place(s, "甲", place)

    assert main(["check", str(demo_path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] is True and data["errors"] == 0
    orphans = [f for f in data["findings"] if f["check"] == "orphan_attachments"]
    assert orphans and not orphans[0].get("count") and not orphans[0].get("examples")
    assert data.get("warnings", 0) == 0

    assert main(["check", str(demo_path)]) == 0
    out = capsys.readouterr().out
    assert "[正常] 未被引用的附件" in out and "没有被任何走访引用" not in out

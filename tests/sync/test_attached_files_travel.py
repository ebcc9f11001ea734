"""A recording attached to a visit and a signature drawn twice reach the county: the recording
with its name, the half-drawn signature as a delete (it is not left over anywhere), and both
databases check clean."""

from __future__ import annotations

from fieldapp.core.attached_files import media_type_of, name_of
from fieldapp.store import Store, visits
from fieldapp.store.check import check_database


def test_a_recording_and_a_redrawn_signature_travel(field_setup):
    f = field_setup
    lap = f.laptop("A")
    talk = b"\x00\x00\x00\x18ftypM4A " + bytes(range(256)) * 8
    with Store.open(lap) as s:
        hh = s.conn.execute("SELECT uuid FROM households ORDER BY uuid LIMIT 1").fetchone()[0]
        recording = visits.put_attachment(s, "甲", talk, media_type_of("入户访谈.m4a", "audio"))
        first = visits.put_attachment(s, "甲", b"\x89PNG half-drawn", "image/png")
        final = visits.put_attachment(s, "甲", b"\x89PNG signed", "image/png")
        uuid = visits.start_visit(s, "甲", hh, "huhutong_household", "2026112501",
                                  {"talk": recording, "sign": first})
        visits.save_answers(s, "甲", uuid, {"sign": final})  # the first one retired with it
        assert visits.attachment(s, first) is None
        assert visits.drop_unused_attachments(s, "甲", [first, final]) == []
    assert check_database(lap).ok
    res = f.merge(f.export(lap, "a.fab")).as_json()
    assert res["rejected"] == []
    with f.county() as s:
        got = visits.attachment(s, recording)
        assert got["content"] == talk and name_of(got["media_type"]) == "入户访谈.m4a"
        assert visits.attachment(s, final) is not None
        assert visits.attachment(s, first) is None  # deleted there too
    report = check_database(f.county_path)
    assert report.ok, [x.message for x in report.errors]
    assert not [w for w in report.warnings if first in w.examples or recording in w.examples]

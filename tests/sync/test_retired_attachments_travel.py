"""A photo replaced on a laptop and a deleted public place's photo are retired there; the bundle
carries the retirement and the county's merge deletes them too, so neither database warns of
unused attachments. The same photo chosen again later comes back at the county as well."""

from __future__ import annotations

from fieldapp.store import Store
from fieldapp.store import public_places as P
from fieldapp.store import visits as V
from fieldapp.store.check import check_database

VERSION = "2026112501"


def unused(path) -> list[str]:
    return [sha for w in check_database(path).warnings if w.check == "orphan_attachments"
            for sha in w.examples]


def test_retired_photos_are_retired_at_the_county_and_come_back_with_it(field_setup):
    f = field_setup
    lap = f.laptop("A")
    with Store.open(lap) as s:
        hh = s.conn.execute("SELECT uuid FROM households ORDER BY uuid LIMIT 1").fetchone()[0]
        first = V.put_attachment(s, "甲", b"\xff\xd8 dish, blurred", "image/jpeg")
        second = V.put_attachment(s, "甲", b"\xff\xd8 dish, sharp", "image/jpeg")
        gate = V.put_attachment(s, "甲", b"\xff\xd8 school gate", "image/jpeg")
        visit = V.start_visit(s, "甲", hh, "huhutong_household", VERSION, {"tv_photo": first})
        V.save_answers(s, "甲", visit, {"tv_photo": second})
        place = P.create_place(s, "甲", f.township[:9], VERSION,
                               {"place_name": "稷峰镇中心小学", "photo": gate})
        P.delete_place(s, "甲", place)
    assert check_database(lap).ok and unused(lap) == []

    res = f.merge(f.export(lap, "a.fab")).as_json()
    assert res["rejected"] == [] and res["refused_changes"] == [] and res["conflicts"] == 0
    with f.county() as s:
        assert V.attachment(s, first) is None and V.attachment(s, gate) is None
        assert V.attachment(s, second) is not None
    report = check_database(f.county_path)
    assert report.ok, [x.message for x in report.errors]
    assert unused(f.county_path) == []

    with Store.open(lap) as s:  # the blurred one was right after all
        assert V.put_attachment(s, "甲", b"\xff\xd8 dish, blurred", "image/jpeg") == first
        V.save_answers(s, "甲", visit, {"tv_photo": first})
    res = f.merge(f.export(lap, "b.fab")).as_json()
    assert res["rejected"] == [] and res["refused_changes"] == [] and res["conflicts"] == 0
    with f.county() as s:
        assert V.attachment(s, first)["content"] == b"\xff\xd8 dish, blurred"
        assert V.attachment(s, second) is None
        assert V.get_visit(s, visit)["answers"]["tv_photo"] == first
    report = check_database(f.county_path)
    assert report.ok, [x.message for x in report.errors]
    assert unused(f.county_path) == []


def photographed_at_county(f, content: bytes) -> tuple:
    """(laptop, visit, photo): a visit with a photo taken on laptop A, merged at the county."""
    lap = f.laptop("A")
    with Store.open(lap) as s:
        hh = s.conn.execute("SELECT uuid FROM households ORDER BY uuid LIMIT 1").fetchone()[0]
        photo = V.put_attachment(s, "甲", content, "image/jpeg")
        visit = V.start_visit(s, "甲", hh, "huhutong_household", VERSION, {"tv_photo": photo})
    assert f.merge(f.export(lap, "a.fab")).as_json()["rejected"] == []
    return lap, visit, photo


def test_a_retirement_merged_where_a_record_still_names_the_photo_keeps_it(field_setup):
    """The county's own record names the photo the laptop retired: the merge keeps it there
    (brought back as the county's change), so no answer points at a missing file."""
    f = field_setup
    lap, visit, shared = photographed_at_county(f, b"\xff\xd8 the village gate")
    with f.county() as s:  # the county uses the same picture for a public place
        P.create_place(s, "县里", f.township[:9], VERSION, {"place_name": "村委会",
                                                          "photo": shared})
    with Store.open(lap) as s:
        V.save_answers(s, "甲", visit, {"tv_photo": None})
        assert V.attachment(s, shared) is None  # nothing names it on the laptop
    res = f.merge(f.export(lap, "b.fab")).as_json()
    assert res["rejected"] == [] and res["refused_changes"] == []
    with f.county() as s:
        assert V.attachment(s, shared)["content"] == b"\xff\xd8 the village gate"
    report = check_database(f.county_path)
    assert report.ok, [x.message for x in report.errors]


def test_a_laptop_may_bring_back_a_photo_the_county_retired(field_setup):
    f = field_setup
    lap, visit, photo = photographed_at_county(f, b"\xff\xd8 the dish")
    with f.county() as s:  # the county clears the photo: it retires it
        V.save_answers(s, "县里", visit, {"tv_photo": None})
        assert V.attachment(s, photo) is None
    f.merge_reference(lap, f.make_reference("ref2.fab"))
    with Store.open(lap) as s:
        assert V.attachment(s, photo) is None  # retired on the laptop too
        V.save_answers(s, "甲", visit, {"tv_photo": V.put_attachment(
            s, "甲", b"\xff\xd8 the dish", "image/jpeg")})  # the surveyor puts it back
    res = f.merge(f.export(lap, "b.fab")).as_json()
    assert res["rejected"] == [] and res["refused_changes"] == []
    with f.county() as s:
        assert V.attachment(s, photo)["content"] == b"\xff\xd8 the dish"
    assert check_database(f.county_path).ok

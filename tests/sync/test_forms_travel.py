"""Forms that travel (issue 18 item 5): the county publishes a revised checklist, reference
bundles carry it, laptops use it for new visits while drafts finish on their own version, and
answers of several versions export together."""

from __future__ import annotations

import csv
import json
import subprocess
import sys

import pytest
from form_revision import V1, V2, revised_form
from sync_helpers import LAPTOP_PW, data_snapshot, township_households

from fieldapp.core.paths import forms_dir
from fieldapp.jobs.form_publish import PublishError, list_forms, publish_form
from fieldapp.store import Store
from fieldapp.store import visits as V
from fieldapp.store.form_source import current_form, visit_form
from fieldapp.store.setup import new_county_database
from fieldapp.survey.registry import HOUSEHOLD_FORM
from fieldapp.sync import identity, merge
from fieldapp.sync.errors import BundleRejected
from fieldapp.tabular.answers_export import export_answers

def _fieldapp(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "fieldapp", *args], capture_output=True,
                          text=True, timeout=300, check=False)


def test_publish_and_list_on_the_command_line(tmp_path):
    db = tmp_path / "county.sqlite"
    new_county_database(db, "140824").close()
    form = revised_form(tmp_path / "v2")
    ok = _fieldapp("form", "publish", str(db), str(form), "--json")
    assert ok.returncode == 0, ok.stderr
    res = json.loads(ok.stdout)
    assert (res["form_id"], res["version"], res["previous"]) == (HOUSEHOLD_FORM, V2, V1)
    assert res["files"] == ["towers.csv"]

    again = _fieldapp("form", "publish", str(db), str(form), "--json")
    assert again.returncode == 1 and "Traceback" not in again.stderr
    assert json.loads(again.stdout)["error"]["code"] == "form_not_newer"
    assert V2 in again.stderr and form.name in again.stderr

    other = revised_form(tmp_path / "other", str(int(V2) + 1), form_id="someone_elses_form")
    refused = _fieldapp("form", "publish", str(db), str(other))
    assert refused.returncode == 1 and "someone_elses_form" in refused.stderr

    listed = _fieldapp("form", "list", str(db), "--json")
    assert listed.returncode == 0, listed.stderr
    data = json.loads(listed.stdout)
    using = {u["form_id"]: u for u in data["in_use"]}
    assert using[HOUSEHOLD_FORM]["version"] == V2 and using[HOUSEHOLD_FORM]["source"] == "database"
    kept = [f for f in data["forms"] if f["origin"] == "published"]
    assert [(f["form_id"], f["version"], f["files"]) for f in kept] == [
        (HOUSEHOLD_FORM, V2, ["towers.csv"])]
    text = _fieldapp("form", "list", str(db))
    assert text.returncode == 0 and V2 in text.stdout and "towers.csv" in text.stdout


def _answers(form) -> dict:
    return {"visit_result": form.choices_of(form.fields["visit_result"])[0].name}


def test_revised_checklist_reaches_laptop_and_drafts_keep_their_version(field_setup, tmp_path):
    f = field_setup
    laptop = f.laptop("lap1")
    first, second = township_households(laptop, 2)
    with Store.open(laptop) as s:
        v1 = current_form(s, HOUSEHOLD_FORM)
        assert v1.version == V1
        draft = V.start_visit(s, "lap1", first, HOUSEHOLD_FORM, v1.version, _answers(v1))

    with f.county() as s:
        publish_form(s, revised_form(tmp_path / "v2"))
    ref = f.make_reference("ref-v2.fab")
    f.merge_reference(laptop, ref)

    with Store.open(laptop) as s:
        v2 = current_form(s, HOUSEHOLD_FORM)
        assert v2.version == V2 and "tower" in v2.fields
        assert [c.name for c in v2.choices_of(v2.fields["tower"])] == ["jifeng", "gushan"]
        assert visit_form(s, first, HOUSEHOLD_FORM).version == V1  # the draft's own version
        assert visit_form(s, second, HOUSEHOLD_FORM).version == V2  # a new visit
        V.complete_visit(s, "lap1", draft, {})
        assert V.get_visit(s, draft)["form_version"] == V1
        new = V.start_visit(s, "lap1", second, HOUSEHOLD_FORM, v2.version,
                            {**_answers(v2), "tower": "gushan"})
        V.complete_visit(s, "lap1", new, {})
        assert V.get_visit(s, new)["form_version"] == V2
        using = {u["form_id"]: u for u in list_forms(s)["in_use"]}
        assert using[HOUSEHOLD_FORM]["version"] == V2

    bundle = f.export(laptop, "lap1.fab")
    f.merge(bundle)
    with f.county() as s:
        usage = [(u["version"], u["device"], u["records"]) for u in list_forms(s)["usage"]
                 if u["form_id"] == HOUSEHOLD_FORM and u["device"] == "lap1"]
        assert sorted(usage) == [(V1, "lap1", 1), (V2, "lap1", 1)]
        out = tmp_path / "answers.csv"
        export_answers(s, out, f.township)
        labelled = tmp_path / "answers-labels.csv"
        export_answers(s, labelled, f.township, labels=True)
    with open(out, encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    mine = {r["KEY"]: r for r in rows if r["KEY"] in (draft, new)}
    assert mine[draft]["form_version"] == V1 and mine[draft]["tower"] == ""
    assert mine[new]["form_version"] == V2 and mine[new]["tower"] == "gushan"
    assert "visit_result" in rows[0] and "tower" in rows[0]  # one header: the union
    with open(labelled, encoding="utf-8-sig") as fh:
        named = {r["走访编号"]: r for r in csv.DictReader(fh)}
    assert named[new]["信号塔"] == "孤山" and named[draft]["信号塔"] == ""  # v2's own words


def _published_v2(f, tmp_path) -> None:
    with f.county() as s:
        publish_form(s, revised_form(tmp_path / "v2"))


def test_form_changed_after_publishing_is_refused(field_setup, tmp_path):
    f = field_setup
    laptop = f.laptop("lap1")
    _published_v2(f, tmp_path)
    with f.county() as s:  # the kept workbook altered behind the county's back
        s.conn.execute("UPDATE sync_forms SET content = ? WHERE version = ?",
                       ((forms_dir() / "huhutong_household.xlsx").read_bytes(), V2))
    ref = f.make_reference("ref-tampered.fab")
    before = data_snapshot(laptop)
    with pytest.raises(BundleRejected) as err:
        f.merge_reference(laptop, ref)
    assert err.value.entry is not None and err.value.entry.name == "BUNDLE_FORM_MISMATCH"
    assert data_snapshot(laptop) == before
    with Store.open(laptop) as s:
        assert current_form(s, HOUSEHOLD_FORM).version == V1


def test_form_that_does_not_load_is_refused(field_setup, tmp_path):
    import hashlib

    f = field_setup
    laptop = f.laptop("lap1")
    _published_v2(f, tmp_path)
    broken = (forms_dir() / "public_place.xlsx").read_bytes()  # a checklist, but not this one
    with f.county() as s:
        s.conn.execute("UPDATE sync_forms SET content = ?, sha256 = ? WHERE version = ?",
                       (broken, hashlib.sha256(broken).hexdigest(), V2))
    ref = f.make_reference("ref-broken.fab")
    before = data_snapshot(laptop)
    with pytest.raises(BundleRejected) as err:
        f.merge_reference(laptop, ref)
    assert err.value.entry.name == "BUNDLE_FORM_UNUSABLE" and "public_place" in str(err.value)
    assert "the workbook holds public_place version" in err.value.text("en")
    assert "工作簿里是 public_place 版本" in str(err.value)
    assert data_snapshot(laptop) == before
    with Store.open(laptop) as s:
        assert V2 not in [r["version"] for r in list_forms(s)["forms"]]  # nothing kept


def test_bundle_altered_in_transit_is_refused(field_setup, tmp_path):
    f = field_setup
    laptop = f.laptop("lap1")
    _published_v2(f, tmp_path)
    ref = f.make_reference("ref-v2.fab")
    data = bytearray(ref.read_bytes())
    data[-200] ^= 0xFF
    ref.write_bytes(bytes(data))
    with Store.open(laptop) as s, pytest.raises(BundleRejected):
        merge.merge_file(s, ref, identity.unlock(s, LAPTOP_PW))
    with Store.open(laptop) as s:
        assert current_form(s, HOUSEHOLD_FORM).version == V1


def test_publish_refuses_older_version_and_laptops(field_setup, tmp_path):
    f = field_setup
    with f.county() as s, pytest.raises(PublishError) as err:
        publish_form(s, revised_form(tmp_path / "old", str(int(V1) - 1)))
    assert err.value.code == "form_not_newer"
    laptop = f.laptop("lap1")
    with Store.open(laptop) as s, pytest.raises(PublishError) as err:
        publish_form(s, revised_form(tmp_path / "v2"))
    assert err.value.code == "not_county"

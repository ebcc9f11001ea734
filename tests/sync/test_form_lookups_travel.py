"""A revised checklist whose questions look values up in CSV files beside it (pulldata(),
csv-external read through instance(), a search() appearance) is published with those files and
the laptops evaluate the lookups from the copies the reference bundle carried."""

from __future__ import annotations

import openpyxl
import pytest
from form_revision import V2, revised_form
from sync_helpers import township_households

from fieldapp.core.errors import FieldappError
from fieldapp.jobs.form_publish import publish_form
from fieldapp.store import Store
from fieldapp.store.form_source import current_form, visit_form
from fieldapp.survey.registry import HOUSEHOLD_FORM
from fieldapp.survey.runtime import FormState

LOOKUPS = [
    ("calculate", "tower_height", "", "pulldata('heights', 'metres', 'name', ${tower})", ""),
    ("csv-external", "channel_counts", "", "", ""),
    ("calculate", "tower_channels", "", "instance('channel_counts')/root/item[name = ${tower}]/count",
     ""),
    ("select_one village_pick", "village_code", "行政村", "", "search('villages')"),
]


def add_lookups(form, rows=LOOKUPS) -> None:
    """The revised checklist gains questions reading heights.csv, channel_counts.csv, villages.csv."""
    wb = openpyxl.load_workbook(form)
    survey = wb["survey"]
    head = [c.value for c in survey[1]]
    for kind, name, label, calculation, appearance in rows:
        row = [None] * survey.max_column
        row[head.index("type")], row[head.index("name")] = kind, name
        row[head.index("label::中文 (zh)")] = label or None
        row[head.index("calculation")] = calculation or None
        row[head.index("appearance")] = appearance or None
        survey.append(row)
    wb["choices"].append(["village_pick", "code", "村名", "村名"])
    wb.save(form)


def write_lookup_files(folder, skip: str = "") -> None:
    files = {"heights.csv": "name,metres\njifeng,120\ngushan,85\n",
             "channel_counts.csv": "name,count\njifeng,32\ngushan,18\n",
             "villages.csv": "code,村名\n140824101,东关村\n140824102,西关村\n"}
    for name, text in files.items():
        if name != skip:
            (folder / name).write_text(text, encoding="utf-8")


def test_lookup_files_are_published_and_the_laptop_evaluates_them(field_setup, tmp_path):
    f = field_setup
    laptop = f.laptop("lap1")
    (household,) = township_households(laptop, 1)
    form = revised_form(tmp_path / "v2")
    add_lookups(form)
    write_lookup_files(form.parent)
    with f.county() as s:
        assert publish_form(s, form).files == ["channel_counts.csv", "heights.csv", "towers.csv",
                                               "villages.csv"]
    for name in ("heights.csv", "channel_counts.csv", "villages.csv"):
        (form.parent / name).unlink()  # the laptop reads the carried copies, not these
    f.merge_reference(laptop, f.make_reference("ref-lookups.fab"))
    with Store.open(laptop) as s:
        assert current_form(s, HOUSEHOLD_FORM).version == V2
        got = visit_form(s, household, HOUSEHOLD_FORM)
    assert got.version == V2 and got.missing_files == {}
    state = FormState.new(got)
    state.set("tower", "gushan")
    assert (state.value("tower_height"), state.value("tower_channels")) == ("85", "18")
    assert [(c.name, set(c.labels.values())) for c in state.choices("village_code")] == [
        ("140824101", {"东关村"}), ("140824102", {"西关村"})]


@pytest.mark.parametrize("missing", ["heights.csv", "channel_counts.csv", "villages.csv"])
def test_a_checklist_whose_lookup_file_is_missing_is_not_published(field_setup, tmp_path,
                                                                    missing):
    f = field_setup
    form = revised_form(tmp_path / "v2")
    add_lookups(form)
    write_lookup_files(form.parent, skip=missing)
    with f.county() as s, pytest.raises(FieldappError) as info:
        publish_form(s, form)
    assert f"缺少它用到的文件 {missing}" in str(info.value)
    with f.county() as s:
        assert current_form(s, HOUSEHOLD_FORM).version != V2  # nothing was kept

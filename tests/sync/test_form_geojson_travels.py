"""A revised checklist whose question lists features of a GeoJSON file (select_one_from_file
x.geojson, as ODK reads it) is published with the file and reaches the laptops."""

from __future__ import annotations

import json

import openpyxl
from form_revision import V2, revised_form

from fieldapp.jobs.form_publish import publish_form
from fieldapp.store import Store
from fieldapp.store.form_source import current_form
from fieldapp.survey.registry import HOUSEHOLD_FORM

SITES = {"type": "FeatureCollection", "features": [
    {"type": "Feature", "id": "jf", "properties": {"title": "稷峰山发射塔"},
     "geometry": {"type": "Point", "coordinates": [110.98, 35.6]}}]}


def add_site_question(form) -> None:
    """The revised checklist gains a question listing the features of sites.geojson."""
    wb = openpyxl.load_workbook(form)
    survey = wb["survey"]
    row = [None] * survey.max_column
    row[0], row[1], row[2] = "select_one_from_file sites.geojson", "site", "发射塔"
    survey.append(row)
    wb.save(form)


def test_a_geojson_choice_file_is_published_and_reaches_the_laptop(field_setup, tmp_path):
    f = field_setup
    laptop = f.laptop("lap1")
    form = revised_form(tmp_path / "v2")
    (form.parent / "sites.geojson").write_text(json.dumps(SITES, ensure_ascii=False),
                                               encoding="utf-8")
    add_site_question(form)
    with f.county() as s:
        assert publish_form(s, form).files == ["sites.geojson", "towers.csv"]
    f.merge_reference(laptop, f.make_reference("ref-geo.fab"))
    with Store.open(laptop) as s:
        got = current_form(s, HOUSEHOLD_FORM)
        assert got.version == V2
        assert [(c.name, c.labels["default"], c.extra["geometry"])
                for c in got.choices_of(got.fields["site"])] == [
            ("jf", "稷峰山发射塔", "35.6 110.98 0 0")]


def test_a_checklist_whose_choice_file_is_missing_is_not_published(field_setup, tmp_path):
    import pytest

    from fieldapp.core.errors import FieldappError

    f = field_setup
    form = revised_form(tmp_path / "v2")
    add_site_question(form)
    with f.county() as s, pytest.raises(FieldappError) as info:
        publish_form(s, form)
    assert "缺少它用到的文件 sites.geojson" in str(info.value)
    with f.county() as s:
        assert current_form(s, HOUSEHOLD_FORM).version != V2  # nothing was kept

"""A form whose CSV/GeoJSON attachments are not beside it yet loads, as ODK Central accepts such
a form and lists its missing attachments: a note names each file at its row, the questions that
read it offer nothing, and no visit is completed against the missing list until it is added."""

from __future__ import annotations

import json

from fieldapp.survey.errors import FormError
from fieldapp.survey.loader import load_form
from fieldapp.survey.runtime import FormState

CHOICES = [["list_name", "name", "label"], ["yn", "yes", "是"], ["yn", "no", "否"]]


def notes_about(form, file_name: str) -> list[str]:
    return [w for w in map(str, form.warnings) if file_name in w]


def test_a_missing_choice_file_loads_with_a_note_and_blocks_completion_until_added(xlsform,
                                                                                   tmp_path):
    rows = [["type", "name", "label", "relevant", "required"],
            ["select_one yn", "has_tv", "有电视吗"],
            ["select_one_from_file villages.csv", "village", "村", "${has_tv} = 'yes'"]]
    form = load_form(xlsform(rows, CHOICES, name="survey.xlsx"))
    (note,) = notes_about(form, "villages.csv")
    assert "第 3 行" in note and "无法完成走访" in note
    assert form.missing_files == {"village": ("villages.csv",)}
    state = FormState.new(form)
    state.set("has_tv", "no")  # the question is not asked: nothing is missing for this visit
    assert state.is_complete()
    state.set("has_tv", "yes")
    assert state.choices("village") == ()
    # not required, left empty: still not completed against a list that is not there
    assert "villages.csv" in state.problems()["village"]
    (tmp_path / "villages.csv").write_text("name,label\nxz,西庄\n", encoding="utf-8")
    form = load_form(tmp_path / "survey.xlsx")
    assert not notes_about(form, "villages.csv") and form.missing_files == {}
    state = FormState.new(form)
    state.set("has_tv", "yes")
    assert [c.name for c in state.choices("village")] == ["xz"]
    assert state.is_complete()


def test_a_missing_geojson_and_lookups_of_it_are_tied_to_the_file(xlsform, tmp_path):
    # as osm-fieldwork's forms: features of a GeoJSON, and a calculation looking one up
    form = load_form(xlsform([
        ["type", "name", "label", "calculation"],
        ["select_one_from_file buildings.geojson", "feature", "建筑"],
        ["calculate", "kind", "", "instance('buildings')/root/item[id=${feature}]/building"],
        ["text", "remark", "备注"]], name="buildings_form.xlsx"))
    assert form.missing_files == {"feature": ("buildings.geojson",),
                                  "kind": ("buildings.geojson",)}
    problems = FormState.new(form).problems()
    assert set(problems) == {"feature", "kind"}
    (tmp_path / "buildings.geojson").write_text(json.dumps({
        "type": "FeatureCollection", "features": [
            {"type": "Feature", "id": "b1", "properties": {"building": "house"},
             "geometry": {"type": "Point", "coordinates": [110.9, 35.6]}}]}), encoding="utf-8")
    state = FormState.new(load_form(tmp_path / "buildings_form.xlsx"))
    state.set("feature", "b1")
    assert state.value("kind") == "house" and state.is_complete()


def test_a_missing_csv_external_is_noted_and_what_reads_it_blocks_completion(xlsform):
    form = load_form(xlsform([["type", "name", "label", "calculation"],
                              ["csv-external", "prices", "", ""],
                              ["text", "item", "商品", ""],
                              ["calculate", "p", "",
                               "instance('prices')/root/item[name = ${item}]/price"]]))
    assert any("第 2 行" in n for n in notes_about(form, "prices.csv"))
    assert form.missing_files == {"p": ("prices.csv",)}
    assert "prices.csv" in FormState.new(form).problems()["p"]


def test_a_missing_search_csv_is_noted_and_blocks_completion_until_added(xlsform, tmp_path):
    # ODK Collect's older search('villages') appearance reads villages.csv beside the form
    rows = [["type", "name", "label", "appearance"],
            ["text", "remark", "备注", ""],
            ["select_one v", "village", "村", "search('villages')"]]
    choices = [["list_name", "name", "label"], ["v", "code", "村名"]]
    form = load_form(xlsform(rows, choices, name="search_form.xlsx"))
    (note,) = notes_about(form, "villages.csv")
    assert "第 3 行" in note and "无法完成走访" in note
    assert form.missing_files == {"village": ("villages.csv",)}
    state = FormState.new(form)
    assert state.choices("village") == ()
    assert "villages.csv" in state.problems()["village"]
    (tmp_path / "villages.csv").write_text("code,村名\n140824101,东关村\n", encoding="utf-8")
    state = FormState.new(load_form(tmp_path / "search_form.xlsx"))
    assert [c.name for c in state.choices("village")] == ["140824101"]
    state.set("village", "140824101")
    assert state.is_complete()


def test_a_malformed_file_is_still_refused(xlsform, tmp_path):
    (tmp_path / "villages.csv").write_text("label\n西庄\n", encoding="utf-8")  # no name column
    try:
        load_form(xlsform([["type", "name", "label"],
                           ["select_one_from_file villages.csv", "v", "村"]]))
    except FormError as exc:
        assert [(p.code, p.row) for p in exc.problems] == [("bad_choice_file", 2)]
    else:
        raise AssertionError("a choice file without names loaded")


def test_a_choice_file_named_like_a_choice_list_is_refused_as_pyxform_does(xlsform, tmp_path):
    # osm-fieldwork's places form: list `place` on the choices sheet and place.geojson
    (tmp_path / "place.csv").write_text("name,label\nxz,西庄\n", encoding="utf-8")
    try:
        load_form(xlsform([["type", "name", "label"],
                           ["select_one place", "kind", "类别"],
                           ["select_one_from_file place.csv", "where", "地点"]],
                          [["list_name", "name", "label"], ["place", "town", "镇"]]))
    except FormError as exc:
        assert [(p.code, p.row, p.column) for p in exc.problems] == [
            ("duplicate_instance", 3, "type")]
        assert "instance('place')" in exc.problems[0].message
    else:
        raise AssertionError("loaded a form pyxform rejects")


def test_a_csv_external_named_like_a_question_in_a_group_reads_its_own_file(xlsform, tmp_path):
    # the names differ by group: the data is still instance('channels'), from channels.csv
    (tmp_path / "channels.csv").write_text("name,count\njifeng,32\n", encoding="utf-8")
    form = load_form(xlsform([["type", "name", "label", "calculation"],
                              ["begin group", "tv", "电视", ""],
                              ["integer", "channels", "频道数", ""],
                              ["end group", "", "", ""],
                              ["csv-external", "channels", "", ""],
                              ["calculate", "n", "",
                               "instance('channels')/root/item[name = 'jifeng']/count"]]))
    assert form.missing_files == {} and form.attachments == ("channels.csv",)
    assert FormState.new(form).value("n") == "32"

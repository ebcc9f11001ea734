"""select_one_from_file / select_multiple_from_file with a CSV or XML list beside the form, and
the pyxform-style refusals: the same name in two groups, a question without label or hint."""

from __future__ import annotations

import pytest

from fieldapp.survey import choice_files
from fieldapp.survey.errors import FormError
from fieldapp.survey.loader import load_form
from fieldapp.survey.runtime import FormState

HEAD = ["type", "name", "label", "choice_filter", "parameters"]


def refused(path) -> dict[tuple[str, int], str]:
    with pytest.raises(FormError) as info:
        load_form(path)
    return {(p.code, p.row): p.message for p in info.value.problems}


def test_csv_and_xml_lists_beside_the_form(xlsform, tmp_path):
    (tmp_path / "villages.csv").write_text(
        "name,label::中文 (zh),label::English (en),town\n"
        "140824100201,西社村,Xishe,100\n140824100202,东社村,Dongshe,100\n"
        "140824101201,南阳村,Nanyang,101\n", encoding="utf-8-sig")
    (tmp_path / "modes.xml").write_text(
        "<root><item><name>cable</name><label>有线</label></item>"
        "<item><name>iptv</name><label>IPTV</label></item></root>", encoding="utf-8")
    form = load_form(xlsform([
        HEAD,
        ["select_one_from_file villages.csv", "village", "村", "town = '100'", ""],
        ["select_multiple_from_file modes.xml", "modes", "方式", "", ""],
    ]))
    village = form.fields["village"]
    assert (village.type, village.list_name) == ("select_one", "villages.csv")
    assert form.choice_label(village, "140824100202", "en") == "Dongshe"
    state = FormState.new(form)
    assert [c.name for c in state.choices("village")] == ["140824100201", "140824100202"]
    state.set("modes", "iptv cable")
    assert state.answers["modes"] == "cable iptv"
    assert state.problems() == {}


def test_parameters_name_other_columns_and_gbk_is_read(xlsform, tmp_path):
    (tmp_path / "towns.csv").write_bytes("代码,乡镇\n100,稷峰镇\n101,西社镇\n".encode("gbk"))
    form = load_form(xlsform([
        HEAD, ["select_one_from_file towns.csv", "town", "乡镇", "", "value=代码 label=乡镇"]]))
    assert form.choice_label(form.fields["town"], "101") == "西社镇"


def test_an_oversized_or_malformed_list_is_refused_at_its_row(
        xlsform, tmp_path, monkeypatch):
    monkeypatch.setattr(choice_files, "MAX_BYTES", 100)
    (tmp_path / "big.csv").write_text("name,label\n" + "a,b\n" * 50, encoding="utf-8")
    (tmp_path / "dup.csv").write_text("name,label\nx,甲\nx,乙\n", encoding="utf-8")
    (tmp_path / "evil.xml").write_text(
        '<!DOCTYPE r [<!ENTITY e "x">]><root><item><name>&e;</name></item></root>')
    (tmp_path / "list.json").write_text("[]")
    got = refused(xlsform([
        HEAD,
        ["select_one_from_file big.csv", "b", "乙", "", ""],
        ["select_one_from_file dup.csv", "c", "丙", "", ""],
        ["select_one_from_file evil.xml", "d", "丁", "", ""],
        ["select_one_from_file list.json", "e", "戊", "", ""],
        ["select_one_from_file ../villages.csv", "f", "己", "", ""],
        ["text", "g", "庚", "", ""],
    ]))
    assert "超过" in got[("bad_choice_file", 2)]
    assert "第 3 行" in got[("bad_choice_file", 3)] and "重复" in got[("bad_choice_file", 3)]
    assert "DOCTYPE" in got[("bad_choice_file", 4)]
    assert ".csv、.xml 或 .geojson" in got[("bad_choice_file", 5)]
    assert ("missing_list", 6) in got
    assert len(got) == 5  # the good question after them is fine (a missing file: see
    # test_missing_attachments.py)


def test_a_question_without_label_or_hint_is_refused(xlsform):
    got = refused(xlsform([HEAD, ["text", "q1", "", "", ""], ["calculate", "c", "", "", ""]]))
    assert "The survey element named 'q1' has no label or hint." in got[("missing_label", 2)]
    assert ("missing_label", 3) not in got


GEOJSON = {"type": "FeatureCollection", "features": [
    {"type": "Feature", "id": "t1", "geometry": {"type": "Point", "coordinates": [110.98, 35.6]},
     "properties": {"title": "稷峰山发射塔", "kind": "tower", "height": 45}},
    {"type": "Feature", "geometry": {"type": "LineString",
                                     "coordinates": [[110.9, 35.5], [111.0, 35.55]]},
     "properties": {"id": "r1", "title": "乡道", "kind": "road"}}]}


def test_select_one_from_a_geojson_file_as_odk_reads_it(xlsform, tmp_path):
    import json

    (tmp_path / "features.geojson").write_text(json.dumps(GEOJSON, ensure_ascii=False),
                                               encoding="utf-8")
    form = load_form(xlsform([
        ["type", "name", "label", "calculation", "choice_filter"],
        ["select_one_from_file features.geojson", "f", "设施", "", "kind = 'tower'"],
        ["calculate", "where", "", "instance('features')/root/item[id=${f}]/geometry", ""]]))
    items = form.choices["features.geojson"]
    assert [(c.name, c.labels["default"]) for c in items] == [("t1", "稷峰山发射塔"), ("r1", "乡道")]
    assert items[1].extra["geometry"] == "35.5 110.9 0 0;35.55 111 0 0"
    state = FormState.new(form)
    assert [c.name for c in state.choices("f")] == ["t1"]
    state.set("f", "t1")
    assert state.value("where") == "35.6 110.98 0 0"


@pytest.mark.parametrize("content", ['{"type": "Feature"}', "not json", "[" * 100 + "]" * 100])
def test_a_geojson_file_that_is_no_feature_collection_is_refused_naming_the_row(
        xlsform, tmp_path, content):
    (tmp_path / "features.geojson").write_text(content, encoding="utf-8")
    got = refused(xlsform([["type", "name", "label"], ["text", "a", "A"],
                           ["select_one_from_file features.geojson", "f", "设施"]]))
    assert "features.geojson" in got[("bad_choice_file", 3)]

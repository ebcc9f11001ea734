"""pyxform's own example forms (tests/survey/data/pyxform, BSD) that fieldapp once refused, used
as a county author would use them."""

from __future__ import annotations

import shutil
from pathlib import Path


from fieldapp.survey.loader import load_form
from fieldapp.survey.runtime import FormState

PYXFORM = Path(__file__).parent / "data" / "pyxform"
UCL_FILES = ("UCL_regions", "UCL_districts", "UCL_villages", "ULC_Biomass_Plots",
             "species_names")


def test_the_biomass_form_loads_without_its_choice_files_but_cannot_be_completed():
    form = load_form(PYXFORM / "UCL_Biomass_Plot_Form.xlsx")
    notes = [w for w in map(str, form.warnings) if "还没有" in w]
    assert any("第 16 行" in w and "UCL_regions.csv" in w for w in notes)
    state = FormState.new(form)
    assert state.choices("region_id") == ()  # nothing offered until the file is added
    assert "UCL_regions.csv" in state.problems()["region_id"]


def test_the_biomass_form_loads_with_its_files_and_reads_typographic_quotes(tmp_path):
    form_path = tmp_path / "UCL_Biomass_Plot_Form.xlsx"
    shutil.copy(PYXFORM / form_path.name, form_path)
    for name in UCL_FILES:
        (tmp_path / f"{name}.csv").write_text(
            "name,label,region_id,district_id,village,plant_phase\n"
            "a,A,a,a,a,2022\nb,B,b,b,b,2023\n", encoding="utf-8")
    form = load_form(form_path)
    assert any("第 9 行" in w and "中文引号" in w for w in map(str, form.warnings))
    state = FormState.new(form)
    assert not state.relevant("leader_name_other")
    state.set("leader_name", "other")  # relevant: ${leader_name} = ‘other’
    assert state.relevant("leader_name_other")
    state.set("region_id", "b")
    assert [c.name for c in state.choices("district_id")] == ["b"]  # region_id=${region_id}


def test_a_choice_filter_on_the_english_label():
    form = load_form(PYXFORM / "xl_date_ambiguous.xlsx")
    state = FormState.new(form)
    assert [c.name for c in state.choices("names")] == ["name1", "name2", "name3"]

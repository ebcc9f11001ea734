"""`export answers` with a repeat inside a repeat: each member's jobs go to a sheet of their own,
joined to the member's row by PARENT_KEY, the member's row to the visit by its PARENT_KEY."""

from __future__ import annotations

from openpyxl import load_workbook

from fieldapp.store import Store
from fieldapp.tabular.answers_export import export_answers


def test_nested_repeat_rows_get_their_own_sheet_joined_by_keys(demo_path, tmp_path):
    with Store.open(demo_path) as s:
        village = s.conn.execute("SELECT code FROM areas WHERE level = 'village'"
                                 " ORDER BY code LIMIT 1").fetchone()[0]
        with s.write("王海燕") as w:
            hh = w.insert("households", {"village_code": village, "group_no": "1",
                                         "head_name": "李强", "size": 2, "source": "field"})
            visit = w.insert("visits", {
                "household_uuid": hh, "form_id": "nested_test", "form_version": "1",
                "state": "complete", "ended_at": "2026-11-30T10:00:00", "answers": {
                    "members": [
                        {"member_name": "王芳", "jobs": [{"job": "教师", "income": 300},
                                                        {"job": "农民", "income": 200}]},
                        {"member_name": "李强", "jobs": [{"job": "司机", "income": 50}]}]}})
        out = tmp_path / "answers.xlsx"
        _, counts = export_answers(s, out, village)
    assert counts["jobs"] == 3  # the demo visits have member rosters, no jobs
    book = load_workbook(out, read_only=True)
    assert book.sheetnames == ["visits", "members", "jobs"]
    members = list(book["members"].iter_rows(values_only=True))
    jobs = list(book["jobs"].iter_rows(values_only=True))
    head = members[0]
    assert "jobs" not in head  # the jobs are a sheet, not a column
    mine = [dict(zip(head, m)) for m in members[1:] if m[0] == visit]
    assert [(m["KEY"], m["member_name"]) for m in mine] == [
        (f"{visit}/members[1]", "王芳"), (f"{visit}/members[2]", "李强")]
    assert sorted(jobs[0]) == sorted(("PARENT_KEY", "KEY", "job", "income"))
    assert [tuple(dict(zip(jobs[0], j))[c] for c in ("PARENT_KEY", "KEY", "job", "income"))
            for j in jobs[1:]] == [
        (f"{visit}/members[1]", f"{visit}/members[1]/jobs[1]", "教师", 300),
        (f"{visit}/members[1]", f"{visit}/members[1]/jobs[2]", "农民", 200),
        (f"{visit}/members[2]", f"{visit}/members[2]/jobs[1]", "司机", 50)]

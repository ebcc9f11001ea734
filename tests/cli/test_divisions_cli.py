"""Divisions by the user's words: `fieldapp divisions`, and --village/--township given as a code,
a name or pinyin in every command that takes them."""

import json
import subprocess
import sys

from fieldapp.core.division_names import Division, find
from fieldapp.store import Store


def run(*args):
    return subprocess.run([sys.executable, "-m", "fieldapp", *map(str, args)],
                          check=False, capture_output=True, text=True, timeout=300)


def _count(db, prefix):
    with Store.open(db) as s:
        return s.conn.execute("SELECT count(*) FROM households WHERE deleted = 0 AND"
                              " village_code LIKE ?", (prefix + "%",)).fetchone()[0]


def test_divisions_lists_codes_and_names(demo_path):
    r = run("divisions", demo_path, "--township", "稷峰镇", "--json")
    assert r.returncode == 0, r.stderr
    rows = json.loads(r.stdout)
    assert rows[0] == {"code": "140824100000", "name": "稷峰镇", "level": "township",
                       "parent_name": "稷山县"}
    names = {d["name"] for d in rows[1:]}
    assert "马村村委会" in names and all(d["code"].startswith("140824100") for d in rows[1:])
    text = run("divisions", demo_path, "--township", "jfz").stdout
    assert "140824100214  马村村委会" in text


def test_village_by_name_pinyin_and_code_give_the_same_export(demo_path, tmp_path):
    counts = []
    for how in ("马村", "马村村委会", "macun", "mc", "140824100214"):
        out = tmp_path / f"{how}.csv"
        r = run("export", "households", demo_path, "--village", how, "-o", out)
        assert r.returncode == 0, (how, r.stderr)
        counts.append(out.read_text(encoding="utf-8-sig").count("\n") - 1)
    assert counts == [_count(demo_path, "140824100214")] * 5
    r = run("export", "households", demo_path, "--village", "没有这个村", "-o", tmp_path / "x.csv")
    assert r.returncode == 1 and "没有这个村" in r.stderr and "fieldapp divisions" in r.stderr
    assert "Traceback" not in r.stderr


def test_ambiguous_name_lists_the_candidates(demo_path, tmp_path):
    with Store.open(demo_path) as s:
        from fieldapp.store.divisions_list import divisions

        ds = divisions(s)
    from fieldapp.core.pinyin import initials

    seen: dict[str, list[Division]] = {}
    for d in ds:
        if d.level == "village":
            seen.setdefault(initials(d.name), []).append(d)
    key, many = next((k, v) for k, v in seen.items() if len(v) > 1)
    assert len(find(ds, key, ("village",))) == len(many)
    r = run("sheets", demo_path, "--village", key, "-o", tmp_path / "s.pdf")
    assert r.returncode == 1
    assert "对应多个" in r.stderr
    assert all(d.code in r.stderr for d in many[:10])
    assert not (tmp_path / "s.pdf").exists()


def test_township_by_name_in_report_and_gaps(demo_path, tmp_path):
    r = run("gaps", demo_path, "--township", "稷峰", "--json")
    assert r.returncode == 0, r.stderr
    gaps = json.loads(r.stdout)
    assert gaps and all(g["village_code"].startswith("140824100") for g in gaps)
    r = run("report", demo_path, "--township", "jifengzhen", "-o", tmp_path / "r.xlsx", "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["name"] == "稷峰镇"

"""The sync commands end to end, as a county and two township laptops would run them: real
files, passphrases from the environment, --json per DESIGN.md, one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from fieldapp.store import Store


def run(*args, passphrase="cli-pass county", code=None):
    env = dict(os.environ, FIELDAPP_PASSPHRASE=passphrase)
    env.pop("FIELDAPP_TRANSFER_CODE", None)
    if code:
        env["FIELDAPP_TRANSFER_CODE"] = code
    return subprocess.run([sys.executable, "-m", "fieldapp", *map(str, args)], env=env,
                          capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL,
                          check=False)


def ok(r):
    assert r.returncode == 0, r.stderr
    return r


def test_county_to_townships_and_back(tmp_path):
    county = tmp_path / "county.sqlite"
    ok(run("init", county, "--role", "county", "--county", "140824"))
    a, b = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    refs = {}
    for lap, pw in ((a, "pass-a laptop"), (b, "pass-b laptop")):
        req = tmp_path / f"{lap.stem}.request.json"
        got = json.loads(ok(run("devices", "request", lap, "-o", req, "--name", lap.stem,
                                "--json", passphrase=pw)).stdout)
        assert got["device_id"].startswith("lap-") and len(got["fingerprint"]) == 19
        refs[lap] = tmp_path / f"ref-{lap.stem}.fab"
        enrolled = json.loads(ok(run("devices", "enrol", county, req, "--township", "140824100",
                                     "--fingerprint", got["fingerprint"], "-o", refs[lap],
                                     "--json")).stdout)
        assert enrolled["device_id"] == got["device_id"]
    ok(run("init", a, "--role", "township", "--from", refs[a], passphrase="pass-a laptop"))
    ok(run("init", b, "--role", "township", "--from", refs[b], passphrase="pass-b laptop"))
    assert not (tmp_path / "a.sqlite.key").exists()  # the key now lives in the database
    info = json.loads(ok(run("info", a, "--json")).stdout)
    assert info["role"] == "township" and info["counts"]["villages"] > 0
    listed = json.loads(ok(run("devices", "list", county, "--json")).stdout)
    assert [d["status"] for d in listed] == ["enrolled", "enrolled"]

    village = data_village(a)
    for lap, head, notes in ((a, "张甲", "甲记"), (b, "张乙", "乙记")):
        with Store.open(lap) as s, s.write("x") as w:
            w.insert("households", {"village_code": village, "group_no": "1", "head_name": head})
            w.update("areas", village, {"unit_type": notes})
    fa, fb = tmp_path / "a.fab", tmp_path / "b.fab"
    ok(run("bundle", "export", a, "-o", fa, passphrase="pass-a laptop"))
    ok(run("bundle", "export", b, "-o", fb, "--json", passphrase="pass-b laptop"))

    res = json.loads(ok(run("bundle", "merge", county, fa, fb, "--json")).stdout)
    assert {k: res[k] for k in ("bundles", "applied", "unchanged", "conflicts", "rejected")} == \
        {"bundles": 2, "applied": 2, "unchanged": 0, "conflicts": 0, "rejected": []}
    # a laptop may not rename or retype a village: refused per change, listed, rest merged
    assert [(c["table"], c["record"]) for c in res["refused_changes"]] == \
        [("areas", village_uuid(county, village))] * 2
    assert {(c["code"], c["reason"], c["reason_en"]) for c in res["refused_changes"]} == {(
        "not_allowed", "乡镇笔记本无权修改区划（乡镇、村及村名）",
        "A township laptop may not change divisions (townships, villages and their names)")}
    again = json.loads(ok(run("bundle", "merge", county, fa, fb, "--json")).stdout)
    assert again["applied"] == 0 and again["refused_changes"] == []

    ref2 = tmp_path / "ref2.fab"
    ok(run("bundle", "reference", county, "--township", "140824100", "-o", ref2))
    ok(run("bundle", "merge", a, ref2, passphrase="pass-a laptop"))
    with Store.open(a) as s:
        assert s.conn.execute("SELECT count(*) FROM households WHERE head_name = '张乙'"
                              ).fetchone()[0] == 1

    ok(run("devices", "revoke", county, listed[1]["fingerprint"], "--reason", "丢失"))
    with Store.open(b) as s, s.write("x") as w:
        w.insert("households", {"village_code": village, "group_no": "2", "head_name": "王丙"})
    fb2 = tmp_path / "b2.fab"
    ok(run("bundle", "export", b, "-o", fb2, passphrase="pass-b laptop"))
    r = run("bundle", "merge", county, fb2, "--json")
    assert r.returncode == 1 and "被停用" in json.loads(r.stdout)["rejected"][0]["reason"]


def test_errors_are_one_line_and_exit_non_zero(tmp_path):
    county = tmp_path / "county.sqlite"
    ok(run("init", county, "--role", "county", "--county", "140824"))
    junk = tmp_path / "junk.fab"
    junk.write_bytes(b"FAPPBND1" + b"\x00" * 100)
    cases = [
        ("bundle", "merge", county, junk),
        ("bundle", "merge", county, tmp_path / "missing.fab"),
        ("init", county, "--role", "county", "--county", "140824"),
        ("init", tmp_path / "t.sqlite", "--role", "township", "--from", junk),
        ("devices", "enrol", county, "0000-1111-2222-3333", "--township", "140824100"),
        ("devices", "enrol", county, junk, "--township", "140824100"),
        ("devices", "revoke", county, "lap-nothing"),
        ("bundle", "reference", county, "--township", "140824999", "-o", tmp_path / "r.fab"),
        ("bundle", "export", county, "-o", tmp_path / "e.fab"),
    ]
    for args in cases:
        r = run(*args)
        assert r.returncode != 0, args
        lines = r.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("fieldapp: "), (args, r.stderr)
    r = run("bundle", "reference", county, "--township", "140824100", "-o", tmp_path / "r.fab")
    assert r.returncode == 1 and "还没有登记的笔记本" in r.stderr
    ok(run("devices", "request", tmp_path / "t.sqlite", "-o", tmp_path / "t.json"))
    r = run("devices", "enrol", county, tmp_path / "t.json", "--township", "140824100",
            passphrase="wrong")
    assert r.returncode == 1 and "口令不正确" in r.stderr
    assert not (tmp_path / "t.sqlite").exists()


def test_passphrase_is_required_without_a_terminal(tmp_path):
    county = tmp_path / "county.sqlite"
    env = {k: v for k, v in os.environ.items() if k != "FIELDAPP_PASSPHRASE"}
    r = subprocess.run([sys.executable, "-m", "fieldapp", "init", str(county), "--role",
                        "county", "--county", "140824"], env=env, capture_output=True,
                       text=True, stdin=subprocess.DEVNULL, timeout=120, check=False)
    assert r.returncode == 1 and "FIELDAPP_PASSPHRASE" in r.stderr
    assert not county.exists()


def village_uuid(path, code):
    with Store.open(path, readonly=True) as s:
        return s.conn.execute("SELECT uuid FROM areas WHERE code = ?", (code,)).fetchone()[0]


def data_village(path):
    with Store.open(path, readonly=True) as s:
        return s.conn.execute("SELECT code FROM areas WHERE level = 'village' ORDER BY code"
                              " LIMIT 1").fetchone()[0]

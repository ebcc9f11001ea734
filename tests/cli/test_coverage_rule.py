"""Covered means covered to the standard: the county's rule is data (shipped default per county),
each failure carries its reason, and changing the rule recomputes every status."""

import json
import subprocess
import sys

from fieldapp.core.coverage_rule import DEFAULT_RULES
from fieldapp.core.status import derive_status
from fieldapp.store import Store

BASE = {"visit_result": "met", "reception_mode": "cable", "works_now": "yes"}


def run(*args):
    return subprocess.run([sys.executable, "-m", "fieldapp", *map(str, args)],
                          check=False, capture_output=True, text=True, timeout=300)


def test_shipped_rule_names_the_failed_requirement():
    rule = DEFAULT_RULES["140824"]
    assert DEFAULT_RULES["330411"].version.startswith("330411")
    ok = {**BASE, "channels": "cctv provincial county", "illegal_charge": "no"}
    assert derive_status(ok, rule).status == "covered"
    no_county = {**ok, "channels": "cctv provincial"}
    assert (derive_status(no_county, rule).status, derive_status(no_county, rule).reason) == \
        ("not_covered", "county_channel_missing")
    charged = {**ok, "illegal_charge": "yes"}
    assert derive_status(charged, rule).reason == "illegal_charge"
    assert derive_status({**ok, "works_now": "no"}, rule).status == "not_covered"


def _status_counts(path):
    with Store.open(path, readonly=True) as s:
        return dict(s.conn.execute("SELECT status_reason, count(*) FROM households"
                                   " GROUP BY status_reason").fetchall())


def test_changing_the_rule_recomputes_every_status(demo_path, tmp_path):
    r = run("coverage-rule", demo_path, "--json")
    assert json.loads(r.stdout)["version"] == "140824-2026.1"
    before = _status_counts(demo_path)
    assert before.get("county_channel_missing", 0) > 0  # demo: ~7% lack the county channel
    rec0 = json.loads(run("reconcile", demo_path, "--json").stdout)
    lenient = tmp_path / "rule.json"
    lenient.write_text(json.dumps({"version": "140824-test.2", "county": "140824", "requires": [
        {"reason": "illegal_charge", "field": "illegal_charge", "not": "yes"}]}), "utf-8")
    r = run("coverage-rule", demo_path, "--set", lenient, "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["version"] == "140824-test.2"
    after = _status_counts(demo_path)
    assert after.get("county_channel_missing", 0) == 0
    rec1 = json.loads(run("reconcile", demo_path, "--json").stdout)
    # lacking the county channel and also charged illegally: still not covered, now for the charge
    both = after.get("illegal_charge", 0) - before.get("illegal_charge", 0)
    assert rec1["covered"] == rec0["covered"] + before["county_channel_missing"] - both
    assert run("check", demo_path).returncode == 0  # stored statuses match the rule in force


def test_a_bad_rule_file_is_refused_and_changes_nothing(demo_path, tmp_path):
    before = _status_counts(demo_path)
    bad = tmp_path / "bad.json"
    bad.write_text('{"version": "x", "requires": [{"reason": "a", "field": "b"}]}', "utf-8")
    r = run("coverage-rule", demo_path, "--set", bad)
    assert r.returncode == 1 and "覆盖标准" in r.stderr and "Traceback" not in r.stderr
    assert _status_counts(demo_path) == before

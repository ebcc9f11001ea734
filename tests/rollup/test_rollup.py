"""The city/province roll-up against a real PostgreSQL + PostGIS (started by conftest)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest

from fieldapp.jobs.demo_build import build_demo
from fieldapp.rollup.connection import connect
from fieldapp.rollup.errors import RollupError
from fieldapp.rollup.push import push
from fieldapp.rollup.report import build_rollup
from fieldapp.rollup.schema import init
from fieldapp.store import Store
from fieldapp.store.reports.reconciliation_counts import reconciliation

TABLES = ("counties", "divisions", "households", "visits", "work_orders", "spot_checks",
          "spot_check_items")


@pytest.fixture(scope="module")
def demo_dbs(tmp_path_factory):
    d = tmp_path_factory.mktemp("rollup")
    a, b = d / "jishan.sqlite", d / "xiuzhou.sqlite"
    build_demo(a, "140824", households=1500, seed=3)
    build_demo(b, "330411", households=1200, seed=4)
    return a, b


@pytest.fixture
def dbs(demo_dbs, tmp_path):
    out = []
    for src in demo_dbs:
        dst = tmp_path / src.name
        shutil.copy(src, dst)
        out.append(dst)
    return out


def cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "fieldapp", *args], check=False,
                          capture_output=True,
                          text=True, timeout=300, env={**os.environ, **(env or {})})


def snapshot(url: str, county: str | None = None) -> dict[str, str]:
    """A digest of every roll-up table (or of one county's rows), to compare before and after."""
    out = {}
    with psycopg.connect(url) as conn:
        for t in TABLES:
            where = "" if county is None else f" WHERE county_code = '{county}'"
            cols = "*" if t != "counties" else "county_code, name, source_id, pushed_seq, load_table"
            row = conn.execute(
                f"SELECT count(*), md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), ''))"
                f" FROM (SELECT {cols} FROM fieldapp.{t}{where}) x").fetchone()
            out[t] = f"{row[0]}:{row[1]}"
    return out


def do_push(db: Path, url: str, **kw):
    with Store.open(db, readonly=True) as store, connect(url) as conn:
        return push(store, conn, **kw)


def test_init_creates_schema_and_qgis_layers_once(pg_url):
    r = cli("rollup", "init", "--to", pg_url)
    assert r.returncode == 0, r.stderr
    assert "版本 0 → 2" in r.stderr
    r = cli("rollup", "init", "--to", pg_url)
    assert r.returncode == 0 and "已是最新" in r.stderr
    with psycopg.connect(pg_url) as conn:
        layers = dict(conn.execute(
            "SELECT f_table_name, srid FROM geometry_columns WHERE f_table_schema = 'fieldapp'"
        ).fetchall())
    # QGIS lists these as layers: points by status, villages with their coverage rate.
    assert layers["households_map"] == 4490
    assert layers["village_coverage"] == 4490
    assert layers["households"] == 4490


def test_first_push_mirrors_the_county_and_a_second_changes_nothing(pg_url, dbs):
    a, _ = dbs
    with connect(pg_url) as conn:
        init(conn)
    r = cli("rollup", "push", str(a), "--to", pg_url, "--json")
    assert r.returncode == 0, r.stderr
    with Store.open(a, readonly=True) as s:
        households = s.conn.execute("SELECT count(*) FROM households").fetchone()[0]
        located = s.conn.execute("SELECT count(*) FROM households WHERE lon IS NOT NULL").fetchone()[0]
        visits = s.conn.execute("SELECT count(*) FROM visits").fetchone()[0]
    with psycopg.connect(pg_url) as conn:
        assert conn.execute("SELECT count(*) FROM fieldapp.households").fetchone()[0] == households
        assert conn.execute("SELECT count(*) FROM fieldapp.visits").fetchone()[0] == visits
        assert conn.execute("SELECT count(*) FROM fieldapp.households WHERE geom IS NOT NULL"
                            ).fetchone()[0] == located
        # answers are JSONB the server can query
        assert conn.execute("SELECT count(*) FROM fieldapp.visits WHERE answers ? 'visit_result'"
                            ).fetchone()[0] > 0
        # village boundaries arrive as polygons in CGCS2000
        assert conn.execute("SELECT count(*) FROM fieldapp.divisions WHERE boundary IS NOT NULL"
                            " AND ST_SRID(boundary) = 4490").fetchone()[0] > 0
    before = snapshot(pg_url)
    again = do_push(a, pg_url)
    assert again.changed == 0
    assert snapshot(pg_url) == before


def test_incremental_push_sends_only_what_changed(pg_url, dbs):
    a, _ = dbs
    with connect(pg_url) as conn:
        init(conn)
    do_push(a, pg_url)
    with Store.open(a) as s:
        uuid = s.conn.execute("SELECT uuid FROM households ORDER BY uuid LIMIT 1").fetchone()[0]
        with s.write("县管理员") as w:
            w.update("households", uuid, {"head_name": "改名测试"})
    result = do_push(a, pg_url)
    assert result.updated.get("households") == 1
    assert sum(result.inserted.values()) == 0
    with psycopg.connect(pg_url) as conn:
        assert conn.execute("SELECT head_name FROM fieldapp.households WHERE uuid = %s",
                            (uuid,)).fetchone()[0] == "改名测试"


def test_a_status_recomputed_without_a_change_row_still_arrives(pg_url, dbs):
    a, _ = dbs
    with connect(pg_url) as conn:
        init(conn)
    do_push(a, pg_url)
    with Store.open(a) as s, s.transaction() as c:  # as a changed coverage rule does
        uuid = c.execute("SELECT uuid FROM households WHERE status = 'covered' LIMIT 1").fetchone()[0]
        c.execute("UPDATE households SET status = 'not_covered', status_reason = 'county_channel_missing'"
                  " WHERE uuid = ?", (uuid,))
    assert do_push(a, pg_url).statuses == 1
    with psycopg.connect(pg_url) as conn:
        assert conn.execute("SELECT status_reason FROM fieldapp.households WHERE uuid = %s",
                            (uuid,)).fetchone()[0] == "county_channel_missing"


def test_each_county_owns_its_rows(pg_url, dbs, tmp_path):
    a, b = dbs
    with connect(pg_url) as conn:
        init(conn)
    do_push(a, pg_url)
    do_push(b, pg_url)
    other = snapshot(pg_url, "330411000000")
    with Store.open(a) as s:
        uuid = s.conn.execute("SELECT uuid FROM households LIMIT 1").fetchone()[0]
        with s.write("县管理员") as w:
            w.update("households", uuid, {"notes": "只改稷山"})
    do_push(a, pg_url)
    assert snapshot(pg_url, "330411000000") == other
    # A second database of the same county (another install, a township copy) is refused whole.
    stranger = tmp_path / "another-jishan.sqlite"
    build_demo(stranger, "140824", households=50, seed=99)
    before = snapshot(pg_url)
    r = cli("rollup", "push", str(stranger), "--to", pg_url)
    assert r.returncode == 1
    assert "已由另一个县级数据库上报过" in r.stderr and "Traceback" not in r.stderr
    assert snapshot(pg_url) == before


def test_township_database_is_refused(pg_url, dbs, tmp_path):
    a, _ = dbs
    with connect(pg_url) as conn:
        init(conn)
    with Store.open(a) as s:
        s.set_settings({"role": "township"})
    with pytest.raises(RollupError, match="只有县级数据库"):
        do_push(a, pg_url)


def test_push_killed_midway_resumes_to_the_same_state(pg_url, pg_cluster, dbs):
    a, _ = dbs
    clean = pg_cluster.new_database()
    for url in (pg_url, clean):
        with connect(url) as conn:
            init(conn)
    do_push(a, clean)
    proc = subprocess.Popen([sys.executable, "-m", "fieldapp", "rollup", "push", str(a),
                             "--to", pg_url, "--batch", "100"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.time() + 60
    with psycopg.connect(pg_url, autocommit=True) as conn:
        while time.time() < deadline:  # kill once some batches are in, before the end
            row = conn.execute("SELECT load_table FROM fieldapp.counties").fetchone()
            if row and row[0] in ("households", "visits"):
                break
            time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with psycopg.connect(pg_url) as conn:
        pushed_seq, = conn.execute("SELECT pushed_seq FROM fieldapp.counties").fetchone()
    assert pushed_seq == 0, "the push finished before it was killed: nothing was tested"
    r = cli("rollup", "push", str(a), "--to", pg_url)
    assert r.returncode == 0, r.stderr
    resumed, fresh = snapshot(pg_url, "140824000000"), snapshot(clean, "140824000000")
    resumed.pop("counties"), fresh.pop("counties")
    assert resumed == fresh
    assert do_push(a, pg_url).changed == 0


def test_report_counts_equal_the_county_reconciliation(pg_url, dbs, tmp_path):
    a, b = dbs
    with connect(pg_url) as conn:
        init(conn)
    do_push(a, pg_url)
    do_push(b, pg_url)
    with connect(pg_url) as conn:
        city = build_rollup(conn, "140800000000")
        everything = build_rollup(conn, None)
    with Store.open(a, readonly=True) as s:
        county = reconciliation(s)
    assert city.name == "运城市" and [u.name for u in city.units] == ["稷山县"]
    for attr in ("households", "register", "field_found", "visited", "never_visited", "covered",
                 "not_covered"):
        assert getattr(city.total, attr) == getattr(county, attr), attr
    assert city.total.vacant == county.by_status["vacant"]
    # 不落一人: the people on the member rosters roll up as the county counts them
    assert (city.total.persons, city.total.persons_covered) == (
        county.persons, county.persons_covered)
    assert county.persons > 0
    assert len(city.villages) == len(county.children)
    assert everything.total.households == city.total.households + everything.units[1].households
    for out in ("city.pdf", "city.xlsx"):
        r = cli("rollup", "report", "--from", pg_url, "--city", "1408", "-o", str(tmp_path / out))
        assert r.returncode == 0, r.stderr
        assert (tmp_path / out).stat().st_size > 2000
    text = subprocess.run(["pdftotext", str(tmp_path / "city.pdf"), "-"], check=False,
                          capture_output=True,
                          text=True).stdout
    assert "运城市" in text and "稷山县" in text and "按区县" in text


def test_connection_string_never_printed(tmp_path, dbs):
    a, _ = dbs
    url = f"postgresql://someone:s3cret-Pw@/nodb?host={tmp_path}"
    r = cli("rollup", "push", str(a), "--to", url)
    assert r.returncode == 1
    assert "s3cret" not in r.stderr + r.stdout and "Traceback" not in r.stderr
    assert "连不上汇总数据库" in r.stderr
    r = cli("rollup", "push", str(a), env={"FIELDAPP_ROLLUP_URL": url})
    assert r.returncode == 1 and "s3cret" not in r.stderr
    with Store.open(a, readonly=True) as s:  # nothing of it lands in the county database
        rows = s.conn.execute("SELECT count(*) FROM settings WHERE value LIKE '%s3cret%'").fetchone()
    assert rows[0] == 0


def test_no_server_given_says_how(dbs):
    a, _ = dbs
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    env.pop("FIELDAPP_ROLLUP_URL", None)
    r = subprocess.run([sys.executable, "-m", "fieldapp", "rollup", "push", str(a)],
                       check=False, capture_output=True, text=True, env=env, timeout=60)
    assert r.returncode == 1 and "FIELDAPP_ROLLUP_URL" in r.stderr


def test_a_changed_visit_reaches_the_report(pg_url, dbs):
    a, _ = dbs
    with connect(pg_url) as conn:
        init(conn)
    do_push(a, pg_url)
    with connect(pg_url) as conn:
        before = build_rollup(conn, "140800000000").total.illegal_charges
    with Store.open(a) as s:
        uuid, answers = s.conn.execute(
            "SELECT v.uuid, v.answers FROM visits v JOIN households h ON h.uuid = v.household_uuid"
            " WHERE v.state = 'complete' AND h.deleted = 0 AND h.merged_into IS NULL"
            " AND json_extract(v.answers, '$.visit_result') = 'met'"
            " AND json_extract(v.answers, '$.illegal_charge') = 'no'"
            " AND NOT EXISTS (SELECT 1 FROM visits w WHERE w.household_uuid = v.household_uuid"
            "   AND w.uuid != v.uuid)").fetchone()
        import json
        with s.write("县管理员") as w:
            w.update("visits", uuid, {"answers": dict(json.loads(answers), illegal_charge="yes",
                                                      charge_amount=120)})
    assert do_push(a, pg_url).updated.get("visits") == 1
    with connect(pg_url) as conn:
        after = build_rollup(conn, "140800000000")
    assert after.total.illegal_charges == before + 1
    assert any(r["amount"] == "120" for r in after.illegal)


def test_persons_rederived_without_a_change_row_still_arrive(pg_url, dbs):
    """persons is derived like the status: a recomputation that writes no change-log row (a rule
    change, a repair) still reaches the roll-up on the next push."""
    a, _ = dbs
    with connect(pg_url) as conn:
        init(conn)
    do_push(a, pg_url)
    with Store.open(a) as s:
        uuid, n = s.conn.execute("SELECT uuid, persons FROM households WHERE persons > 0"
                                 " ORDER BY uuid LIMIT 1").fetchone()
        s.conn.execute("UPDATE households SET persons = persons + 7 WHERE uuid = ?", (uuid,))
        s.conn.commit()
    assert do_push(a, pg_url).statuses == 1
    with psycopg.connect(pg_url) as conn:
        assert conn.execute("SELECT persons FROM fieldapp.households WHERE uuid = %s",
                            (uuid,)).fetchone()[0] == n + 7

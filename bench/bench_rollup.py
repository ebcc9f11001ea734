"""City/province roll-up on a real PostgreSQL + PostGIS (a throwaway cluster in the work folder).

20 demo counties (the 稷山县 demo of 104,500 households cloned under 20 county codes of one city,
about 2.1 million households and 1.9 million visits) are pushed one after another into one server;
then the province report is computed on the server and written as PDF.

Baseline: psycopg `COPY` of exactly the rows our push wrote (divisions, households with their
point, visits with JSONB answers; already read and prepared in memory) into the same schema on a
second database of the same server. Target: push throughput at least 0.5x that of COPY (ratio of
times at most 2.0), and the province report in under 10 s.
"""

from __future__ import annotations

import shutil
import sqlite3
import sys
import uuid
from pathlib import Path

from .common import row, timed

COUNTIES = 20
PER_COUNTY = 104_500
SCALES_WITH_COUNTY = False  # fixed size, whatever the county: not run again at 2×


def _clone(src: Path, dst: Path, county: str) -> None:
    """A copy of the demo county under another county code (and its own device id)."""
    shutil.copyfile(src, dst)
    conn = sqlite3.connect(dst)
    old = "140824"
    with conn:
        conn.execute("PRAGMA foreign_keys = OFF")
        for tbl, col in (("areas", "code"), ("areas", "parent_code"), ("households", "village_code"),
                         ("spot_checks", "area_code"), ("spot_check_items", "village_code")):
            conn.execute(f"UPDATE {tbl} SET {col} = ? || substr({col}, 7) WHERE {col} LIKE ?",
                         (county, old + "%"))
        conn.execute("UPDATE settings SET value = ? WHERE key = 'county_code'", (county + "000000",))
        conn.execute("UPDATE settings SET value = ? WHERE key = 'device_id'", (uuid.uuid4().hex,))
    conn.close()


def _prepared_rows(db: Path, county: str):
    """The rows our push writes for one county, prepared for COPY as our push prepares them."""
    from fieldapp.rollup.push import _spec
    from fieldapp.store import Store
    from fieldapp.store import rollup_source as src

    out = {}
    with Store.open(db, readonly=True) as store:
        for table in ("areas", "households", "visits"):
            s = _spec(table)
            rows = list(src.records(store, table))
            out[table] = (s, [s.convert(r) if s.convert else r for r in rows])
    return out


def _copy_baseline(url: str, prepared: list[tuple[str, dict]]) -> float:
    """COPY the prepared rows into the roll-up tables (points and boundaries as WKB/EWKT)."""
    import psycopg

    def run() -> None:
        with psycopg.connect(url) as conn, conn.cursor() as cur:
            for county, tables in prepared:
                cur.execute("INSERT INTO fieldapp.counties (county_code, name, city_code,"
                            " province_code, source_id) VALUES (%s, 'c', 'x', 'y', 'z')",
                            (county,))
                s, rows = tables["areas"]
                with cur.copy("COPY fieldapp.divisions (county_code, code, name, level,"
                              " parent_code, boundary, deleted) FROM STDIN") as cp:
                    for r in rows:
                        cp.write_row((county, *r[:4], None, bool(r[5])))
                s, rows = tables["households"]
                cols = s.stage_cols
                i_lon, i_lat = cols.index("lon"), cols.index("lat")
                keep = [c for c in cols if c not in ("lon", "lat")]
                idx = [cols.index(c) for c in keep]
                with cur.copy(f"COPY fieldapp.households (county_code, {', '.join(keep)},"
                              " township_code, geom) FROM STDIN") as cp:
                    for r in rows:
                        geom = (None if r[i_lon] is None else
                                f"SRID=4490;POINT({r[i_lon]} {r[i_lat]})")
                        vals = [r[i] for i in idx]
                        vals[keep.index("deleted")] = bool(vals[keep.index("deleted")])
                        cp.write_row((county, *vals, r[cols.index("village_code")][:9] + "000",
                                      geom))
                s, rows = tables["visits"]
                with cur.copy(f"COPY fieldapp.visits (county_code, {', '.join(s.stage_cols)})"
                              " FROM STDIN") as cp:
                    d = s.stage_cols.index("deleted")
                    for r in rows:
                        r = list(r)
                        r[d] = bool(r[d])
                        cp.write_row((county, *r))
            conn.commit()

    return timed(run)[0]


def run(workdir: Path, households: int) -> list[dict]:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "rollup"))
    from pg_cluster import Cluster, find_bin, has_postgis

    from fieldapp.jobs.demo_build import build_demo
    from fieldapp.rollup.connection import connect
    from fieldapp.rollup.push import push
    from fieldapp.rollup.report import make_rollup_report
    from fieldapp.rollup.schema import init
    from fieldapp.store import Store

    bindir = find_bin()
    if bindir is None or not has_postgis(bindir):
        return [row("rollup", None, "", None, "skipped: PostgreSQL/PostGIS not installed")]
    per_county = max(1000, min(PER_COUNTY, households // 2))
    work = Path(workdir) / "rollup"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    template = work / "template.sqlite"
    build_demo(template, "140824", per_county, 7)
    dbs = []
    for i in range(COUNTIES):
        county = f"1408{21 + i:02d}"
        dbs.append((county + "000000", work / f"{county}.sqlite"))
        _clone(template, dbs[-1][1], county)
    cluster = Cluster(bindir).start()
    try:
        ours_url, base_url = cluster.new_database(), cluster.new_database()
        for url in (ours_url, base_url):
            with connect(url) as conn:
                init(conn)

        def push_all() -> int:
            n = 0
            for _, db in dbs:
                with Store.open(db, readonly=True) as store, connect(ours_url) as conn:
                    r = push(store, conn)
                n += sum(r.inserted.values())
            return n

        ours, written = timed(push_all)
        prepared = [(c, _prepared_rows(db, c)) for c, db in dbs]
        base = _copy_baseline(base_url, prepared)
        total_hh = sum(len(t["households"][1]) for _, t in prepared)
        with connect(ours_url) as conn:
            report_s, data = timed(lambda: make_rollup_report(conn, work / "province.pdf",
                                                              "140000000000"))
        again, _ = timed(push_all)
    finally:
        cluster.stop()
    return [
        row(f"roll-up push, {COUNTIES} counties", ours, "psycopg COPY of the same rows", base,
            f"{total_hh:,} households, {written:,} rows; target ratio <= 2.0 (>= 0.5x COPY)"),
        row("roll-up push again (no change)", again, "psycopg COPY of the same rows", base,
            "every county compared, nothing written"),
        row("province report on the server (PDF)", report_s, "", None,
            f"{len(data.units)} counties, {data.total.households:,} households; target < 10 s"),
    ]

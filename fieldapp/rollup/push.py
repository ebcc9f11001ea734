"""`fieldapp rollup push`: send a county database's state to the roll-up server.

- The first push loads every mirrored table in key order, in batches; later pushes send only the
  records the change log names since the last pushed position (`counties.pushed_seq`).
- Every batch is one server transaction that also moves the county's position, so a push killed at
  any point resumes where it stopped, and a second push changes nothing.
- Rows are upserted only when they differ (`IS DISTINCT FROM`), keyed by (county_code, key): a push
  can never touch another county's rows. A second database claiming an already pushed county is
  refused (the county's `source_id` is the pushing database's own device id).
- Household status is derived (a rule change recomputes it without a change-log row), so every push
  also compares all statuses of the county in one statement.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from fieldapp.core.messages import ErrorCode
from fieldapp.store import rollup_source as src

from .errors import Cancelled, RollupError
from .schema import require

Progress = Callable[[int, int], bool | None]
TABLES = ("areas", "households", "visits", "work_orders", "spot_checks", "spot_check_items")
BATCH = 20_000


@dataclass
class PushResult:
    county_code: str
    county_name: str
    inserted: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    statuses: int = 0
    pushed_seq: int = 0
    first: bool = False

    @property
    def changed(self) -> int:
        return sum(self.inserted.values()) + sum(self.updated.values()) + self.statuses

    def to_json(self) -> dict[str, Any]:
        return {"county_code": self.county_code, "county_name": self.county_name,
                "first_push": self.first, "inserted": self.inserted, "updated": self.updated,
                "statuses_updated": self.statuses, "changed": self.changed,
                "pushed_seq": self.pushed_seq}


# ----- how each table is staged and upserted -------------------------------------------------
def _geojson_wkb(text: str | None, srid: int | None = None) -> str | None:
    """A boundary's GeoJSON as hex WKB of a MultiPolygon (None when empty or not a polygon);
    with `srid`, as hex EWKB carrying it (what COPY into a geometry column accepts)."""
    if not text:
        return None
    import shapely
    from shapely.geometry import MultiPolygon, Polygon

    try:
        geom = shapely.from_geojson(text)
    except Exception:  # noqa: BLE001 - a damaged boundary is pushed without geometry
        return None
    if isinstance(geom, Polygon):
        geom = MultiPolygon([geom])
    if not isinstance(geom, MultiPolygon) or geom.is_empty:
        return None
    if srid is not None:
        return shapely.to_wkb(shapely.set_srid(geom, srid), hex=True, include_srid=True)
    return shapely.to_wkb(geom, hex=True)


def _answers(text: Any) -> str:
    """Visit answers as JSON text PostgreSQL accepts (damaged JSON becomes an empty object)."""
    if not text:
        return "{}"
    try:
        value = json.loads(text)
    except (TypeError, ValueError):
        return "{}"
    return text if isinstance(value, dict) else "{}"


def _coord(v: Any, lo: float, hi: float) -> float | None:
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return f if lo <= f <= hi else None  # NaN fails both comparisons


@dataclass(frozen=True)
class _Spec:
    target: str
    stage_cols: tuple[str, ...]  # columns of the staging table (all text)
    target_cols: tuple[str, ...]
    select: tuple[str, ...]  # expressions over the staging table, in target_cols order
    key: str
    convert: Callable[[tuple], tuple] | None = None
    direct: Callable[[tuple], tuple] | None = None  # source row -> target_cols, for plain COPY


def _spec(table: str) -> _Spec:
    cols = src.ROLLUP_COLUMNS[table]
    if table == "areas":
        return _Spec("divisions", cols, ("code", "name", "level", "parent_code", "boundary",
                                         "deleted"),
                     ("code", "name", "level", "parent_code",
                      "ST_SetSRID(ST_GeomFromWKB(decode(boundary, 'hex')), 4490)",
                      "deleted::int::boolean"), "code",
                     lambda r: (*r[:4], _geojson_wkb(r[4]), r[5]),
                     lambda r: (*r[:4], _geojson_wkb(r[4], 4490), bool(r[5])))
    if table == "households":
        target = tuple(c for c in cols if c not in ("lon", "lat")) + ("township_code", "geom")
        select = tuple({"size": "size::int", "persons": "persons::int",
                        "deleted": "deleted::int::boolean"}.get(c, c)
                       for c in cols if c not in ("lon", "lat"))
        point = ("CASE WHEN lon IS NULL OR lat IS NULL THEN NULL ELSE"
                 " ST_SetSRID(ST_MakePoint(lon::float8, lat::float8), 4490) END")
        select += ("left(village_code, 9) || '000'", point)
        i_lon, i_lat = cols.index("lon"), cols.index("lat")

        def conv(r: tuple) -> tuple:
            r = list(r)
            lon, lat = _coord(r[i_lon], -180, 180), _coord(r[i_lat], -90, 90)
            r[i_lon], r[i_lat] = (lon, lat) if lon is not None and lat is not None else (None, None)
            return tuple(r)

        keep = [i for i, c in enumerate(cols) if c not in ("lon", "lat")]
        i_del, i_village = cols.index("deleted"), cols.index("village_code")

        def direct(r: tuple) -> tuple:
            lon, lat = _coord(r[i_lon], -180, 180), _coord(r[i_lat], -90, 90)
            point = None if lon is None or lat is None else f"SRID=4490;POINT({lon!r} {lat!r})"
            vals = [bool(r[i]) if i == i_del else r[i] for i in keep]
            return (*vals, r[i_village][:9] + "000", point)

        return _Spec("households", cols, target, select, "uuid", conv, direct)
    casts = {"answers": "answers::jsonb", "deleted": "deleted::int::boolean",
             "amount": "amount::float8", "population": "population::int"}
    conv = None
    if table == "visits":
        i = cols.index("answers")
        conv = lambda r: (*r[:i], _answers(r[i]), *r[i + 1:])
    i_del = cols.index("deleted")

    def direct(r: tuple) -> tuple:
        r = conv(r) if conv else r
        return (*r[:i_del], bool(r[i_del]), *r[i_del + 1:])

    return _Spec(table, cols, cols, tuple(casts.get(c, c) for c in cols), "uuid", conv, direct)


def _copy_new(cur, county: str, table: str, rows: Sequence[tuple]) -> int:
    """COPY rows straight into the roll-up table (the initial load of rows it cannot hold yet)."""
    s = _spec(table)
    with cur.copy(f"COPY fieldapp.{s.target} (county_code, {', '.join(s.target_cols)})"
                  " FROM STDIN") as copy:
        for r in rows:
            copy.write_row((county, *s.direct(r)))
    return len(rows)


_LATEST = """
INSERT INTO fieldapp.household_latest
SELECT DISTINCT ON (county_code, household_uuid) county_code, household_uuid, uuid,
       answers->>'visit_result', answers->>'paid_cable_subscriber', answers->>'handed_over',
       answers->>'illegal_charge', answers->>'charge_amount', answers->>'charged_by', surveyor,
       left(coalesce(ended_at, started_at), 10)
FROM fieldapp.visits
WHERE county_code = %s AND state = 'complete' AND NOT deleted {only}
ORDER BY county_code, household_uuid, coalesce(ended_at, started_at) DESC, uuid DESC
"""


def _refresh_latest(cur, county: str, households: Sequence[str] | None = None) -> None:
    """Recompute the latest complete visit of some households (None: the whole county)."""
    if households is None:
        # Right after a bulk load the planner's statistics still describe the table before it, and
        # it would scan every county's visits; this county's are reached through its index.
        cur.execute("SET LOCAL enable_seqscan = off")
        cur.execute("DELETE FROM fieldapp.household_latest WHERE county_code = %s", (county,))
        cur.execute(_LATEST.format(only=""), (county,))
        cur.execute("SET LOCAL enable_seqscan = on")
    elif households:
        hh = list(households)
        cur.execute("DELETE FROM fieldapp.household_latest WHERE county_code = %s"
                    " AND household_uuid = ANY(%s)", (county, hh))
        cur.execute(_LATEST.format(only="AND household_uuid = ANY(%s)"), (county, hh))


def _upsert(cur, county: str, table: str, rows: Sequence[tuple]) -> tuple[int, int]:
    """Stage rows with COPY and upsert those that differ; (inserted, updated)."""
    if not rows:
        return 0, 0
    s = _spec(table)
    stage = f"stage_{table}"
    cur.execute(f"CREATE TEMP TABLE IF NOT EXISTS {stage} ("
                + ", ".join(f"{c} text" for c in s.stage_cols) + ") ON COMMIT DELETE ROWS")
    with cur.copy(f"COPY {stage} ({', '.join(s.stage_cols)}) FROM STDIN") as copy:
        for r in rows:
            copy.write_row(s.convert(r) if s.convert else r)
    target_cols = ("county_code", *s.target_cols)
    sets = ", ".join(f"{c} = excluded.{c}" for c in s.target_cols if c != s.key)
    differs = (f"({', '.join('t.' + c for c in s.target_cols)}) IS DISTINCT FROM"
               f" ({', '.join('excluded.' + c for c in s.target_cols)})")
    cur.execute(
        f"INSERT INTO fieldapp.{s.target} AS t ({', '.join(target_cols)})"
        f" SELECT %s, {', '.join(s.select)} FROM {stage}"
        f" ON CONFLICT (county_code, {s.key}) DO UPDATE SET {sets} WHERE {differs}"
        " RETURNING (xmax = 0)", (county,))
    flags = [r[0] for r in cur.fetchall()]
    inserted = sum(1 for f in flags if f)
    return inserted, len(flags) - inserted


# ----- the job ------------------------------------------------------------------------------
def push(store, conn, *, batch: int = BATCH, progress: Progress | None = None,
         replace: bool = False) -> PushResult:
    """Push `store` (a county database) to the roll-up server behind `conn` (psycopg)."""
    if (store.setting("role") or "county") != "county":
        raise RollupError(ErrorCode.ROLLUP_NOT_COUNTY)
    code, name = src.county(store)
    source_id = store.setting("device_id") or ""
    if not code or not source_id:
        raise RollupError(ErrorCode.ROLLUP_NO_IDENTITY)
    require(conn)
    result = PushResult(code, name)
    with conn.cursor() as cur:
        # One push of a county at a time (released when the connection ends, also on a kill).
        cur.execute("SELECT pg_advisory_lock(hashtext('fieldapp push ' || %s))", (code,))
        conn.commit()
        try:
            _register(conn, cur, code, name, source_id, replace)
            state = _state(cur, code)
            conn.commit()
            if state["pushed_seq"] == 0:
                result.first = True
                _initial_load(store, conn, cur, code, state, batch, result, progress)
            _incremental(store, conn, cur, code, batch, result, progress)
            if not result.first:  # a first load has just written every status
                _statuses(store, conn, cur, code, result)
            cur.execute("UPDATE fieldapp.counties SET pushed_at = now(), name = %s"
                        " WHERE county_code = %s", (name, code))
            result.pushed_seq = _state(cur, code)["pushed_seq"]
            conn.commit()
        finally:
            if not conn.closed:
                conn.rollback()
                cur.execute("SELECT pg_advisory_unlock(hashtext('fieldapp push ' || %s))", (code,))
                conn.commit()
    return result


def _register(conn, cur, code: str, name: str, source_id: str, replace: bool) -> None:
    cur.execute("SELECT source_id FROM fieldapp.counties WHERE county_code = %s", (code,))
    row = cur.fetchone()
    if row is None:
        cur.execute("INSERT INTO fieldapp.counties (county_code, name, city_code, province_code,"
                    " source_id) VALUES (%s, %s, %s, %s, %s)",
                    (code, name, code[:4] + "00000000", code[:2] + "0000000000", source_id))
    elif row[0] != source_id:
        if not replace:
            raise RollupError(ErrorCode.ROLLUP_OTHER_SOURCE, name=name, county_code=code)
        cur.execute("UPDATE fieldapp.counties SET source_id = %s, pushed_seq = 0, load_table = NULL,"
                    " load_after = NULL, load_seq = NULL WHERE county_code = %s", (source_id, code))


def _state(cur, code: str) -> dict[str, Any]:
    cur.execute("SELECT pushed_seq, load_table, load_after, load_seq FROM fieldapp.counties"
                " WHERE county_code = %s", (code,))
    seq, table, after, load_seq = cur.fetchone()
    return {"pushed_seq": seq, "load_table": table, "load_after": after, "load_seq": load_seq}


def _tick(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None and progress(done, total) is False:
        raise Cancelled(ErrorCode.ROLLUP_CANCELLED)


def _count(result: PushResult, table: str, ins: int, upd: int) -> None:
    result.inserted[table] = result.inserted.get(table, 0) + ins
    result.updated[table] = result.updated.get(table, 0) + upd


def _initial_load(store, conn, cur, code, state, batch, result, progress) -> None:
    """Every mirrored table in key order; the cursor (table, last key) moves with each batch."""
    load_seq = state["load_seq"]
    if load_seq is None:  # the change-log position this load brings the county to
        load_seq = src.last_seq(store)
        cur.execute("UPDATE fieldapp.counties SET load_seq = %s, load_table = %s, load_after = ''"
                    " WHERE county_code = %s", (load_seq, TABLES[0], code))
        conn.commit()
        state = _state(cur, code)
    start = TABLES.index(state["load_table"]) if state["load_table"] in TABLES else 0
    after = state["load_after"] or ""
    total = src.row_count(store, TABLES)
    done = 0
    for table in TABLES[start:]:
        key_index = src.ROLLUP_COLUMNS[table].index(src.key_of(table))
        s = _spec(table)
        # The server holds none of this county's rows past the cursor (a first push, or one
        # resumed after a kill): plain COPY. Otherwise (--replace) compare and upsert.
        cur.execute(f"SELECT EXISTS (SELECT 1 FROM fieldapp.{s.target} WHERE county_code = %s"
                    f" AND {s.key} > %s)", (code, after))
        fresh = not cur.fetchone()[0]
        while True:
            _tick(progress, done, total)
            rows = src.records_after(store, table, after, batch)
            if not rows:
                break
            after = rows[-1][key_index]
            if fresh:
                ins, upd = _copy_new(cur, code, table, rows), 0
            else:
                ins, upd = _upsert(cur, code, table, rows)
            _count(result, table, ins, upd)
            cur.execute("UPDATE fieldapp.counties SET load_table = %s, load_after = %s"
                        " WHERE county_code = %s", (table, after, code))
            conn.commit()
            done += len(rows)
        after = ""
    _refresh_latest(cur, code)
    cur.execute("UPDATE fieldapp.counties SET pushed_seq = %s, load_table = NULL,"
                " load_after = NULL, load_seq = NULL WHERE county_code = %s", (load_seq, code))
    conn.commit()


def _incremental(store, conn, cur, code, batch, result, progress) -> None:
    """The records the change log names after the pushed position, batch by batch."""
    pos = _state(cur, code)["pushed_seq"]
    end = src.last_seq(store)
    for upto in src.batch_bounds(store, pos, batch):
        _tick(progress, upto - pos, max(1, end - pos))
        for table, keys in src.changed_keys(store, pos, upto).items():
            rows = list(src.records(store, table, keys))
            ins, upd = _upsert(cur, code, table, rows)
            _count(result, table, ins, upd)
            if table == "visits":
                i = src.ROLLUP_COLUMNS["visits"].index("household_uuid")
                _refresh_latest(cur, code, {r[i] for r in rows})
        cur.execute("UPDATE fieldapp.counties SET pushed_seq = %s WHERE county_code = %s",
                    (upto, code))
        conn.commit()
        pos = upto


def _statuses(store, conn, cur, code, result) -> None:
    cur.execute("CREATE TEMP TABLE IF NOT EXISTS stage_status (uuid text PRIMARY KEY, status text,"
                " status_reason text, persons int) ON COMMIT DELETE ROWS")
    with cur.copy("COPY stage_status FROM STDIN") as copy:
        for row in src.household_statuses(store):
            copy.write_row(row)
    cur.execute("UPDATE fieldapp.households h SET status = s.status, status_reason = s.status_reason,"
                " persons = s.persons"
                " FROM stage_status s WHERE h.county_code = %s AND h.uuid = s.uuid"
                " AND (h.status, h.status_reason, h.persons)"
                " IS DISTINCT FROM (s.status, s.status_reason, s.persons)",
                (code,))
    result.statuses = cur.rowcount
    conn.commit()

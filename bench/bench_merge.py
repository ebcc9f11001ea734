"""Merge: 20 township bundles that together carry every household of the county (218,800 for
330411) and their visits, merged into a county database that has only its division list — the
county's first big merge. Each bundle is verified (signature), decrypted, checked, planned
field by field and applied in one transaction with its change log, conflict check, duplicate
check, status refresh and archive copy.

Baseline: raw sqlite3 upserts (`INSERT ... ON CONFLICT(uuid) DO UPDATE`) of the very same
household and visit rows into an identical empty county database, one transaction, rows already
in memory. Goal (issue 20): ours at least 0.5x the baseline's throughput, i.e. a ratio of at most
2.0 (ours / baseline time); the note gives the throughput ratio and CPU times too. Ours, the
floor and the upserts each run twice, interleaved, and each keeps its faster run (from round 24
the upserts too: before, one run of theirs against the faster of two of ours).

A third row measures the floor, as the register import's does: the work a merge cannot skip,
done by hand without a check — each bundle decrypted, inflated and parsed (`orjson`, the parser
the merge reads changes.json with; before round 23 both used `json.loads`), then its household
and visit rows, its change-log rows (as the merge logs them) and its archive copy written in one
transaction a bundle (each bundle is durable on its own), the WAL checkpointed at the end. The
households carry what the merge derives for them (status under the county's rule, persons,
last visit, head's initials; from round 23): the floor writes the very rows the merge writes,
not households that all read "not visited". Its ratio to the upserts says how much of the goal
the writes alone use.
"""

from __future__ import annotations

import shutil
import sqlite3
import time
import zipfile
from pathlib import Path

import orjson

from fieldapp.core.pinyin import initials
from fieldapp.core.roster import persons
from fieldapp.core.status import derive_status
from fieldapp.store import Store
from fieldapp.store.coverage_rule import rule_of
from fieldapp.store.deferred_indexes import deferred_indexes
from fieldapp.store.schema import SYNCED_FIELDS
from fieldapp.store.sync_log.merge_writes import MERGE_CACHE_KIB
from fieldapp.store.sync_log.table_plans import insert_rows
from fieldapp.sync.container import content_key_for, decrypt_payload, open_bundle
from fieldapp.sync import identity, merge, setup
from fieldapp.jobs import bundle_export as export
from fieldapp.jobs import devices

from .common import COUNTY, ensure_county, remove_db, row, timed

LAPTOPS = 20
PW = "bench-passphrase"
_SYNC = ("device_id", "counter", "hlc", "clock", "deleted")


def _split(county: Path) -> list[tuple[str, list[str]]]:
    """20 laptops: each township gets laptops in proportion to its households; a laptop takes
    a run of the township's villages."""
    conn = sqlite3.connect(county)
    per_village = conn.execute(
        "SELECT a.parent_code, a.code, count(h.uuid) FROM areas a LEFT JOIN households h"
        " ON h.village_code = a.code WHERE a.level = 'village' GROUP BY a.code"
        " ORDER BY a.code").fetchall()
    conn.close()
    towns: dict[str, list[tuple[str, int]]] = {}
    for town, code, n in per_village:
        towns.setdefault(town, []).append((code, n))
    total = sum(n for _, _, n in per_village)
    share = {t: max(1, round(LAPTOPS * sum(n for _, n in v) / total)) for t, v in towns.items()}
    while sum(share.values()) > LAPTOPS:
        share[max(share, key=share.get)] -= 1
    while sum(share.values()) < LAPTOPS:
        share[max(towns, key=lambda t: sum(n for _, n in towns[t]) / share[t])] += 1
    out = []
    for town, villages in towns.items():
        k = min(share[town], len(villages))
        for i in range(k):
            out.append((town, [c for c, _ in villages[i::k]]))
    return out


def _rows(county: Path, tbl: str, villages: list[str]) -> list[dict]:
    conn = sqlite3.connect(county)
    conn.row_factory = sqlite3.Row
    marks = ",".join("?" * len(villages))
    cols = ", ".join(f"t.{c}" for c in ("uuid", *SYNCED_FIELDS[tbl]))
    if tbl == "households":
        sql = f"SELECT {cols} FROM households t WHERE t.village_code IN ({marks})"
    else:
        sql = (f"SELECT {cols} FROM visits t JOIN households h ON h.uuid = t.household_uuid"
               f" WHERE h.village_code IN ({marks})")
    out = [dict(r) for r in conn.execute(sql, villages)]
    conn.close()
    return out


def _prepare(workdir: Path, source: Path) -> tuple[Path, list[Path]]:
    """The empty county (keys, divisions) and the 20 laptops' export bundles."""
    county = workdir / "merge-county-empty.sqlite"
    remove_db(county)
    setup.init_county(county, COUNTY, PW)
    bundles = []
    for i, (town, villages) in enumerate(_split(source)):
        ref = workdir / f"merge-ref-{i}.fab"
        lap = workdir / f"merge-laptop-{i}.sqlite"
        remove_db(lap)
        req = workdir / f"merge-laptop-{i}.json"
        devices.request(lap, req, PW, name=f"laptop {i}")
        with Store.open(county) as s:
            devices.enrol(s, str(req), town, PW, out=ref)
        setup.init_township(lap, ref, PW, device_name=f"laptop {i}")
        with Store.open(lap) as s:
            with s.write("bench") as w:
                w.insert_many("households", _rows(source, "households", villages))
                w.insert_many("visits", _rows(source, "visits", villages))
            out = workdir / f"merge-{i}.fab"
            export.export_bundle(s, out, PW)
        bundles.append(out)
        remove_db(lap)
        ref.unlink()
    return county, bundles


def _raw_connection(path: Path) -> sqlite3.Connection:
    """A plain sqlite3 connection set up as the app's (WAL, foreign keys) with the merge's page
    cache, for the baseline and the floor."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute(f"PRAGMA cache_size = -{MERGE_CACHE_KIB}")  # same page cache as ours
    return conn


def _baseline(empty: Path, source: Path, target: Path) -> tuple[float, float]:
    """Wall and CPU seconds of the upserts (the rows are read before the clock starts)."""
    shutil.copyfile(empty, target)
    src = sqlite3.connect(source)
    data = {}
    for tbl in ("households", "visits"):
        cols = ["uuid", *SYNCED_FIELDS[tbl], *_SYNC]
        rows = src.execute(f"SELECT {', '.join(cols)} FROM {tbl}").fetchall()
        sets = ", ".join(f"{c} = excluded.{c}" for c in cols[1:])
        sql = (f"INSERT INTO {tbl} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
               f" ON CONFLICT(uuid) DO UPDATE SET {sets}")
        data[tbl] = (sql, rows)
    src.close()

    def upsert() -> None:
        conn = _raw_connection(target)
        conn.execute("BEGIN IMMEDIATE")
        for sql, rows in data.values():
            conn.executemany(sql, rows)
        conn.execute("COMMIT")
        conn.close()

    cpu0 = time.process_time()
    seconds, _ = timed(upsert)
    return seconds, time.process_time() - cpu0


def _bare_read(bundle: Path, keys, work: Path) -> list:
    """Decrypt, inflate and parse one bundle's changes, nothing checked."""
    opened = open_bundle(bundle)
    plain = work / "floor-payload.zip"
    decrypt_payload(opened, content_key_for(opened, keys, None), plain)
    with zipfile.ZipFile(plain) as zf:
        changes = orjson.loads(zf.read("changes.json"))
    plain.unlink()
    return changes


_DERIVED = ("status", "status_reason", "last_visit_at", "persons", "head_initials")


def _derived(changes: list, rule) -> dict[str, tuple]:
    """Each new household's derived columns, as the merge sets them, so the floor writes the
    same rows: the status under the county's rule and the persons its roster counts, from its
    latest complete visit (by ended or started time, then HLC), and its head's initials."""
    latest: dict[str, tuple] = {}
    for c in changes:
        d = c[6]
        if c[3] == "visits" and d["state"] == "complete":
            key, h = (d["ended_at"] or d["started_at"] or "", c[2]), d["household_uuid"]
            if h not in latest or key > latest[h][0]:
                latest[h] = (key, d)
    out = {}
    for c in changes:
        if c[3] == "households":
            d = latest.get(c[4], (None, {}))[1]
            doc = orjson.loads(d["answers"]) if d.get("answers") else None
            st = derive_status(doc, rule)
            out[c[4]] = (st.status, st.reason, d.get("ended_at"), persons(doc),
                         initials(c[6]["head_name"]))
    return out


def _floor(empty: Path, bundles: list[Path], target: Path, work: Path) -> tuple[float, float]:
    """Wall and CPU seconds of the bare read and the writes of every bundle (module doc)."""
    shutil.copyfile(empty, target)
    with Store.open(target) as s:
        keys = identity.unlock(s, PW)
        rule = rule_of(s)

    class _Conn:  # insert_rows and deferred_indexes want something with a connection
        conn: sqlite3.Connection

    def write_all() -> None:
        db = _Conn()
        conn = db.conn = _raw_connection(target)
        conn.execute("PRAGMA wal_autocheckpoint = 0")  # as ours: one checkpoint at the end
        for bundle in bundles:
            changes = _bare_read(bundle, keys, work)
            by_tbl: dict[str, list[tuple]] = {"households": [], "visits": []}
            derived = _derived(changes, rule)
            for c in changes:  # (uuid, fields..., device_id, counter, hlc, clock, deleted)
                by_tbl[c[3]].append((c[4], *map(c[6].get, SYNCED_FIELDS[c[3]]), c[0], c[1],
                                     c[2], f'{{"*":"{c[0]}:{c[1]}"}}', 0, *derived.get(c[4], ())))
            content = bundle.read_bytes()
            conn.execute("BEGIN IMMEDIATE")
            # written as the merge writes them: rows in uuid order, and a table's indexes built
            # after its rows when the bundle brings at least as many as it holds
            incoming = {"households": len(by_tbl["households"]), "changes": len(changes)}
            with deferred_indexes(db, incoming):
                for tbl, rows in by_tbl.items():
                    rows.sort()
                    cols = ["uuid", *SYNCED_FIELDS[tbl], *_SYNC,
                            *(_DERIVED if tbl == "households" else ())]
                    conn.executemany(f"INSERT INTO {tbl} ({', '.join(cols)}) VALUES"
                                     f" ({', '.join('?' * len(cols))})", rows)
                insert_rows(db, "INSERT INTO changes(device_id, counter, hlc, tbl, record_uuid,"
                            " op, data, old, base, user, at)",
                            [(*c[:6], "{}", None, None, c[9], c[10]) for c in changes])
            conn.execute(
                "INSERT INTO sync_bundles(sha256, bundle_uuid, kind, device_id, township_code,"
                " file_name, size, content, merged_at, merged_by, result)"
                " VALUES (?, ?, 'export', ?, '', ?, ?, ?, '', '', '{}')",
                (bundle.name, bundle.name, changes[0][0], bundle.name, len(content), content))
            conn.execute("COMMIT")
        conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
        conn.close()

    cpu0 = time.process_time()
    seconds, _ = timed(write_all)
    return seconds, time.process_time() - cpu0


def _ours(empty: Path, ours_db: Path, bundles: list[Path]) -> tuple[float, float, dict]:
    """Wall and CPU seconds of our merge of every bundle into a fresh copy of the county."""
    remove_db(ours_db)
    shutil.copyfile(empty, ours_db)
    cpu0 = time.process_time()
    seconds, result = timed(lambda: _merge_all(ours_db, bundles))
    return seconds, time.process_time() - cpu0, result


def _merge_all(db: Path, bundles: list[Path]) -> dict:
    with Store.open(db) as s:
        keys = identity.unlock(s, PW)
        return merge.merge_files(s, bundles, keys).as_json()


def run(workdir: Path, households: int) -> list[dict]:
    """Ours, the floor and the upserts twice each, interleaved, each the faster of its two (the
    shared machine's speed moves minute to minute; their ratio is the point)."""
    workdir = Path(workdir)
    source, _ = ensure_county(workdir, households)
    empty, bundles = _prepare(workdir, source)
    ours_db, floor_db = workdir / "merge-ours.sqlite", workdir / "merge-floor.sqlite"
    base_db = workdir / "merge-baseline.sqlite"
    remove_db(floor_db)
    first = _ours(empty, ours_db, bundles)
    floors = [_floor(empty, bundles, floor_db, workdir)]
    remove_db(base_db)
    bases = [_baseline(empty, source, base_db)]
    second = _ours(empty, ours_db, bundles)
    remove_db(floor_db)
    floors.append(_floor(empty, bundles, floor_db, workdir))
    remove_db(base_db)
    bases.append(_baseline(empty, source, base_db))
    ours, ours_cpu, result = min(first, second, key=lambda r: r[0])
    floor, floor_cpu = min(floors)
    base, base_cpu = min(bases)
    with Store.open(ours_db, readonly=True) as s:
        merged = s.conn.execute("SELECT count(*) FROM households").fetchone()[0]
    again, result2 = timed(lambda: _merge_all(ours_db, bundles))
    size = sum(b.stat().st_size for b in bundles) / 1e6
    note = (f"{len(bundles)} bundles ({size:.0f} MB), {merged:,} households, "
            f"{result['applied']:,} changes, {len(result['rejected'])} rejected; "
            f"CPU {ours_cpu:.1f} s vs {base_cpu:.1f} s ({ours_cpu / base_cpu:.2f}×); throughput"
            f" {base / ours:.2f}× the upserts' (goal >= 0.5×); {ours / floor:.2f}× the floor"
            f" (proposed goal <= 1.5×);"
            f" faster of {first[0]:.1f} s and {second[0]:.1f} s; the upserts the faster of"
            f" {bases[0][0]:.1f} s and {bases[1][0]:.1f} s")
    rows = [row("merge 20 township bundles", ours, "sqlite upsert of same rows", base, note),
            row("merge the same 20 again (no-op)", again, "sqlite upsert of same rows", base,
                f"applied {result2['applied']}"),
            row("floor: bare read + raw writes of the same rows (status derived), change log"
                " and archive, a transaction a bundle", floor, "sqlite upsert of same rows", base,
                f"CPU {floor_cpu:.1f} s vs {base_cpu:.1f} s ({floor_cpu / base_cpu:.2f}×);"
                f" ours is {ours / floor:.2f}× the floor (CPU {ours_cpu / floor_cpu:.2f}×);"
                f" faster of {floors[0][0]:.1f} s and {floors[1][0]:.1f} s")]
    if getattr(run, "keep", False):
        return rows
    for p in (ours_db, base_db, floor_db, empty, *bundles):
        remove_db(p) if p.suffix == ".sqlite" else p.unlink(missing_ok=True)
    return rows

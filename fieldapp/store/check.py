"""`fieldapp check`: is this database whole and consistent?

Reads only (a read-only connection; nothing is migrated or repaired). Each check gives a finding:
an *error* means data is damaged or would not sync correctly (the command exits non-zero); a
*warning* is worth knowing but loses nothing (e.g. a photo no visit uses any more).

Checks: SQLite's own integrity check, foreign keys, the change log (every record's current version
is a logged change of that record, every logged change points at a record, per-device counters
unique and not above `devices.last_counter`), JSON columns, photos (content matches its sha256,
references from answers resolve, unreferenced ones), this device's identity, and the derived
household status.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from fieldapp.core.clock import DEFAULT_SKEW_S, HLC_GLOB, hlc_bound, now_ms
from fieldapp.core.progress import Progress
from fieldapp.core.roster import persons
from fieldapp.core.status import derive_status

from . import errors as E
from .coverage_rule import _rule_of
from .db import APP_ID, _translate
from .households.status import _apply_spot_checks, _apply_verdicts, _has_persons
from .migrations import SCHEMA_VERSION
from .schema import SYNCED_FIELDS
from fieldapp.core.messages import ErrorCode, Said

EXAMPLES = 5
ERROR, WARNING = "error", "warning"


@dataclass
class Finding:
    check: str  # stable code: integrity, foreign_keys, record_versions, ...
    title: str  # what was checked (Chinese)
    severity: str = ERROR  # of a problem found: error or warning
    count: int = 0  # how many problems (0: fine)
    message: str = ""  # one sentence about the problem (Chinese)
    examples: list[Said | str] = field(default_factory=list)  # a few of the problems

    @property
    def ok(self) -> bool:
        return self.count == 0


@dataclass
class CheckReport:
    path: str
    schema_version: int = 0
    findings: list[Finding] = field(default_factory=list)
    cancelled: bool = False

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if not f.ok and f.severity == ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if not f.ok and f.severity == WARNING]

    @property
    def ok(self) -> bool:
        return not self.errors and not self.cancelled

    def as_json(self) -> dict:
        return {"path": self.path, "ok": self.ok, "schema_version": self.schema_version,
                "errors": len(self.errors), "warnings": len(self.warnings),
                "findings": [dict(asdict(f), ok=f.ok, examples=[str(e) for e in f.examples],
                                  examples_en=[e.text("en") if isinstance(e, Said) else e
                                               for e in f.examples]) for f in self.findings]}


def open_readonly(path: str | os.PathLike) -> sqlite3.Connection:
    """A read-only connection to a fieldapp database of any schema version up to ours."""
    p = Path(path)
    if not p.exists():
        raise E.NotFound(ErrorCode.DB_MISSING, where=str(p))
    if p.is_dir():
        raise E.NotADatabase(ErrorCode.DB_IS_FOLDER, where=str(p))
    # Not open(): closing a handle on the file would drop this process's SQLite locks on it
    # (see Store.open); SQLite tells a database from other files below.
    if p.stat().st_size < 100:
        raise E.NotADatabase(ErrorCode.DB_NOT_FIELDAPP, where=str(p))
    try:
        conn = _connect_query_only(p)
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise _translate(exc, p) from None
    if app_id != APP_ID:
        conn.close()
        raise E.NotADatabase(ErrorCode.DB_SQLITE_NOT_FIELDAPP, where=str(p))
    if version > SCHEMA_VERSION:
        conn.close()
        raise E.NewerSchema(ErrorCode.DB_NEWER, version=version, supported=SCHEMA_VERSION,
                            where=str(p))
    return conn


def _connect_query_only(p: Path) -> sqlite3.Connection:
    """Read-write where allowed but with writes refused (query_only): as the last connection it
    can tidy away the WAL files on close, which a read-only connection cannot."""
    uri = p.resolve().as_uri()
    conn = None
    if os.access(p, os.W_OK) and os.access(p.parent, os.W_OK):
        try:
            conn = sqlite3.connect(f"{uri}?mode=rw", uri=True, isolation_level=None,
                                   check_same_thread=False)
            conn.execute("PRAGMA query_only = ON")
        except sqlite3.OperationalError:
            if conn is not None:
                conn.close()
            conn = None
    if conn is None:
        conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, isolation_level=None,
                               check_same_thread=False)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.OperationalError as exc:
            conn.close()
            if "unable to open" not in str(exc) or os.access(p.parent, os.W_OK):
                raise
            # A WAL database on a read-only medium (write-protected stick, read-only mount):
            # nothing can change it while we read, so read it as immutable.
            conn = sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True, isolation_level=None,
                                   check_same_thread=False)
    conn.execute("PRAGMA busy_timeout = 5000")
    return conn


def check_database(path: str | os.PathLike, *, quick: bool = False,
                   progress: Progress | None = None) -> CheckReport:
    """Run every check; damage SQLite reports while reading becomes a finding, not an exception."""
    conn = open_readonly(path)
    report = CheckReport(str(path), conn.execute("PRAGMA user_version").fetchone()[0])
    try:
        try:
            tables = {r[0] for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
        except sqlite3.DatabaseError as exc:
            report.findings.append(Finding(
                "integrity", "SQLite 完整性", count=1,
                message=f"数据库文件已损坏（{exc}），连表结构都无法读取，请用备份恢复"))
            return report
        synced = [t for t in SYNCED_FIELDS if t in tables]
        found: list = []

        def refs() -> list[tuple[str, str, str]]:  # photo answers, read once for two checks
            if not found:
                found.append(_photo_refs(conn, tables))
            return found[0]

        steps: list[tuple[str, str, Callable[[], Finding]]] = [
            ("integrity", "SQLite 完整性", lambda: _integrity(conn, quick)),
            ("foreign_keys", "外键（引用的记录存在）", lambda: _foreign_keys(conn)),
            ("identity", "本机身份", lambda: _identity(conn)),
            ("counters", "变更计数器", lambda: _counters(conn)),
            ("record_versions", "记录版本都在变更日志中", lambda: _record_versions(conn, synced)),
            ("change_targets", "变更日志指向的记录存在", lambda: _change_targets(conn, synced)),
            ("json", "JSON 字段格式", lambda: _json_columns(conn, synced)),
            ("clock", "变更时间戳（格式、不在未来、每台设备递增）", lambda: _clock(conn, synced)),
            ("attachments", "附件（照片、签名、录音、视频、文件）内容与校验值一致", lambda: _attachment_content(conn, tables)),
            ("attachment_refs", "走访引用的附件存在", lambda: _attachment_refs(conn, tables, refs)),
            ("orphan_attachments", "未被引用的附件", lambda: _orphan_attachments(conn, tables, refs)),
            ("status", "户的核查状态与走访一致", lambda: _derived_status(conn, tables)),
        ]
        for i, (code, title, run) in enumerate(steps):
            if progress and progress(i, len(steps)) is False:
                report.cancelled = True
                break
            try:
                finding = run()
            except sqlite3.DatabaseError as exc:
                finding = Finding(code, title, count=1, message=f"读取时出错: {exc}")
            finding.check, finding.title = code, title
            report.findings.append(finding)
            if code == "integrity" and not finding.ok and "malformed" in finding.message:
                break  # the file is broken: later checks would only repeat it
        else:
            if progress:
                progress(len(steps), len(steps))
    finally:
        conn.close()
    return report


# ----- the checks ---------------------------------------------------------------------------
def _integrity(conn: sqlite3.Connection, quick: bool) -> Finding:
    pragma = "quick_check" if quick else "integrity_check"
    try:
        rows = [r[0] for r in conn.execute(f"PRAGMA {pragma}(100)")]
    except sqlite3.DatabaseError as exc:
        return Finding("", "", count=1, message=f"数据库文件已损坏（{exc}），请用备份恢复")
    if rows == ["ok"]:
        return Finding("", "")
    return Finding("", "", count=len(rows), examples=rows[:EXAMPLES],
                   message=f"SQLite 发现 {len(rows)} 处损坏，请用备份恢复")


def _foreign_keys(conn: sqlite3.Connection) -> Finding:
    rows = conn.execute("PRAGMA foreign_key_check").fetchall()
    if not rows:
        return Finding("", "")
    pairs: dict[tuple[str, str], int] = {}
    for table, _rowid, parent, _fk in rows:
        pairs[(table, parent)] = pairs.get((table, parent), 0) + 1
    return Finding("", "", count=len(rows),
                   message=f"{len(rows)} 行引用了不存在的记录",
                   examples=[Said(ErrorCode.CHECK_FK, table=t, parent=p, count=n)
                             for (t, p), n in sorted(pairs.items())])


def _identity(conn: sqlite3.Connection) -> Finding:
    row = conn.execute("SELECT value FROM settings WHERE key = 'device_id'").fetchone()
    if not row or not row[0]:
        return Finding("", "", count=1, message="设置中没有本机设备编号")
    me = conn.execute("SELECT status FROM devices WHERE device_id = ?", row).fetchone()
    if me is None:
        return Finding("", "", count=1, message=f"设备表中没有本机 {row[0]}")
    return Finding("", "")


def _counters(conn: sqlite3.Connection) -> Finding:
    """Per device: counters unique, none above the device's last_counter, device known."""
    bad = []
    for device, high, known, last in conn.execute(
        "SELECT c.device_id, max(c.counter), d.device_id IS NOT NULL, d.last_counter"
        " FROM changes c LEFT JOIN devices d ON d.device_id = c.device_id"
        " GROUP BY c.device_id"
    ):
        if not known:
            bad.append(Said(ErrorCode.CHECK_DEVICE_UNKNOWN, device=device, high=high))
        elif high > (last or 0):
            bad.append(Said(ErrorCode.CHECK_COUNTER_ABOVE, device=device, high=high, last=last))
    dupes = conn.execute(
        "SELECT device_id, counter, count(*) FROM changes GROUP BY device_id, counter"
        " HAVING count(*) > 1 LIMIT 100").fetchall()
    bad += [Said(ErrorCode.CHECK_COUNTER_TWICE, device=d, counter=c, count=n)
            for d, c, n in dupes]
    if not bad:
        return Finding("", "")
    return Finding("", "", count=len(bad), examples=bad[:EXAMPLES],
                   message="变更计数器不一致：同步时会漏传或重复")


def _clock(conn: sqlite3.Connection, synced: list[str]) -> Finding:
    """Change-log stamps: well formed, not beyond the allowed skew ahead of now, increasing with
    each device's counter; records carry well-formed, not-future stamps too."""
    bound = hlc_bound(now_ms(), _skew(conn))
    bad = [Said(ErrorCode.CHECK_STAMP_BAD, device=d, counter=c, stamp=repr(h))
           for d, c, h in conn.execute(
        "SELECT device_id, counter, hlc FROM changes WHERE NOT hlc GLOB ? LIMIT 100", (HLC_GLOB,))]
    bad += [Said(ErrorCode.CHECK_STAMP_FUTURE, device=d, counter=c, stamp=h[:15])
            for d, c, h in conn.execute(
        "SELECT device_id, counter, hlc FROM changes WHERE hlc GLOB ? AND hlc > ? LIMIT 100",
        (HLC_GLOB, bound))]
    bad += [Said(ErrorCode.CHECK_STAMP_BACKWARDS, device=d, counter=c) for d, c in conn.execute(
        "SELECT device_id, counter FROM (SELECT device_id, counter, hlc, lag(hlc) OVER"
        " (PARTITION BY device_id ORDER BY counter) AS prev FROM changes)"
        " WHERE prev IS NOT NULL AND hlc < prev AND hlc GLOB ? AND prev GLOB ? LIMIT 100",
        (HLC_GLOB, HLC_GLOB))]
    for tbl in synced:
        bad += [Said(ErrorCode.CHECK_RECORD_STAMP, table=tbl, uuid=u, stamp=repr(h))
                for u, h in conn.execute(
            f"SELECT uuid, hlc FROM {tbl} WHERE NOT hlc GLOB ? OR hlc > ? LIMIT 20",
            (HLC_GLOB, bound))]
    if not bad:
        return Finding("", "")
    return Finding("", "", count=len(bad), examples=bad[:EXAMPLES],
                   message="有无效或未来的时间戳（旧版本合并了时钟错误的设备的同步包）："
                           "本库之后的修改会排错顺序。运行 fieldapp check 数据库 --repair-clock 修复")


def _skew(conn: sqlite3.Connection) -> float:
    row = conn.execute("SELECT value FROM settings WHERE key = 'max_clock_skew_seconds'").fetchone()
    try:
        return float(row[0]) if row and row[0] else DEFAULT_SKEW_S
    except ValueError:
        return DEFAULT_SKEW_S


def _record_versions(conn: sqlite3.Connection, synced: list[str]) -> Finding:
    """Each record's (device_id, counter) is a logged change of that very record."""
    count, examples = 0, []
    for t in synced:
        for uuid, device, counter, tbl, target in conn.execute(
            f"SELECT r.uuid, r.device_id, r.counter, c.tbl, c.record_uuid FROM {t} r"
            " LEFT JOIN changes c ON c.device_id = r.device_id AND c.counter = r.counter"
            " WHERE c.seq IS NULL OR c.tbl != ? OR c.record_uuid != r.uuid", (t,)
        ):
            count += 1
            if len(examples) < EXAMPLES:
                examples.append(
                    Said(ErrorCode.CHECK_VERSION_UNLOGGED, table=t, uuid=uuid, device=device,
                         counter=counter) if tbl is None else
                    Said(ErrorCode.CHECK_VERSION_ELSEWHERE, table=t, uuid=uuid, device=device,
                         counter=counter, other=tbl, target=target))
    if not count:
        return Finding("", "")
    return Finding("", "", count=count, examples=examples,
                   message=f"{count} 条记录的当前版本没有对应的变更日志（无法正确同步）")


def _change_targets(conn: sqlite3.Connection, synced: list[str]) -> Finding:
    count, examples = 0, []
    for t in synced:
        for seq, uuid in conn.execute(
            f"SELECT c.seq, c.record_uuid FROM changes c WHERE c.tbl = ?"
            f" AND NOT EXISTS (SELECT 1 FROM {t} r WHERE r.uuid = c.record_uuid)", (t,)
        ):
            count += 1
            if len(examples) < EXAMPLES:
                examples.append(Said(ErrorCode.CHECK_CHANGE_NO_RECORD, seq=seq, table=t, uuid=uuid))
    placeholders = ", ".join("?" * len(synced))
    for seq, tbl in conn.execute(
        f"SELECT seq, tbl FROM changes WHERE tbl NOT IN ({placeholders})", synced
    ):
        count += 1
        if len(examples) < EXAMPLES:
            examples.append(Said(ErrorCode.CHECK_CHANGE_NO_TABLE, seq=seq, table=tbl))
    if not count:
        return Finding("", "")
    return Finding("", "", count=count, examples=examples,
                   message=f"{count} 条变更日志指向不存在的记录")


def _json_columns(conn: sqlite3.Connection, synced: list[str]) -> Finding:
    count, examples = 0, []
    checks = [("changes", "seq", "data"), ("changes", "seq", "coalesce(old, '{}')"),
              ("changes", "seq", "coalesce(base, '{}')")]
    for t in synced:
        checks.append((t, "uuid", "clock"))
        if "answers" in SYNCED_FIELDS[t]:
            checks.append((t, "uuid", "answers"))
    for table, key, expr in checks:
        for (k,) in conn.execute(f"SELECT {key} FROM {table} WHERE NOT json_valid({expr})"):
            count += 1
            if len(examples) < EXAMPLES:
                examples.append(f"{table} {k}: {expr.split('(')[-1].split(',')[0]}")
    if not count:
        return Finding("", "")
    return Finding("", "", count=count, examples=examples, message=f"{count} 个 JSON 字段无法解析")


def _attachment_content(conn: sqlite3.Connection, tables: set[str]) -> Finding:
    if "attachments" not in tables:
        return Finding("", "")
    count, examples = 0, []
    for sha, size, content in conn.execute(
        "SELECT sha256, size, content FROM attachments WHERE deleted = 0"
    ):
        data = bytes(content or b"")
        if hashlib.sha256(data).hexdigest() != sha or len(data) != size:
            count += 1
            if len(examples) < EXAMPLES:
                examples.append(sha)
    if not count:
        return Finding("", "")
    return Finding("", "", count=count, examples=examples,
                   message=f"{count} 个附件的内容与其校验值不符（已损坏）")


# A photo, signature, recording, video or file answer holds the attachment's sha256: 64
# lowercase hex digits.
_REFS = """
SELECT DISTINCT r.uuid, j.value FROM {t} r, json_each(r.answers) j
WHERE r.deleted = 0 AND json_valid(r.answers) AND j.type = 'text' AND length(j.value) = 64
  AND j.value NOT GLOB '*[^0-9a-f]*'
"""


def _photo_refs(conn: sqlite3.Connection, tables: set[str]) -> list[tuple[str, str, str]]:
    """(table, record uuid, sha256) of every attachment answer (photo, signature, audio, …)."""
    return [(t, uuid, sha) for t in ("visits", "public_places") if t in tables
            for uuid, sha in conn.execute(_REFS.format(t=t))]


def _attachment_refs(conn: sqlite3.Connection, tables: set[str], refs) -> Finding:
    if "attachments" not in tables:
        return Finding("", "")
    have = {r[0] for r in conn.execute("SELECT sha256 FROM attachments WHERE deleted = 0")}
    missing = [(t, uuid, sha) for t, uuid, sha in refs() if sha not in have]
    if not missing:
        return Finding("", "")
    return Finding("", "", count=len(missing),
                   examples=[Said(ErrorCode.CHECK_PHOTO_MISSING, table=t, uuid=u, sha=s)
                             for t, u, s in missing[:EXAMPLES]],
                   message=f"{len(missing)} 处答案引用的附件不在数据库中")


def _orphan_attachments(conn: sqlite3.Connection, tables: set[str], refs) -> Finding:
    if "attachments" not in tables:
        return Finding("", "", severity=WARNING)
    used = {sha for _t, _u, sha in refs()}
    orphans = [sha for (sha,) in conn.execute(
        "SELECT sha256 FROM attachments WHERE deleted = 0") if sha not in used]
    if not orphans:
        return Finding("", "", severity=WARNING)
    return Finding("", "", severity=WARNING, count=len(orphans), examples=orphans[:EXAMPLES],
                   message=f"{len(orphans)} 个附件没有被任何走访引用（例如换过的照片），不影响数据")


_LATEST_ALL = """
SELECT household_uuid, answers, ended_at, uuid FROM (
  SELECT household_uuid, answers, ended_at, uuid,
         row_number() OVER (PARTITION BY household_uuid
                            ORDER BY coalesce(ended_at, started_at) DESC, hlc DESC) AS rank
  FROM visits WHERE state = 'complete' AND deleted = 0)
WHERE rank = 1
"""


def _derived_status(conn: sqlite3.Connection, tables: set[str]) -> Finding:
    if not {"households", "visits"} <= tables:
        return Finding("", "")
    latest, visit = {}, {}
    rule = _rule_of(conn)
    for uuid, answers, ended, visit_uuid in conn.execute(_LATEST_ALL):
        try:
            doc = json.loads(answers) if answers else None
            st = derive_status(doc, rule)
        except (ValueError, TypeError):
            continue  # reported by the JSON check
        latest[uuid] = (st.status, st.reason, ended, persons(doc))
        visit[uuid] = visit_uuid
    if "sync_conflicts" in tables:
        _apply_verdicts(conn, latest, visit, None, rule)
    if "spot_check_items" in tables:
        _apply_spot_checks(conn, latest, None)
    never = derive_status(None)
    count, examples = 0, []
    counted = _has_persons(conn)  # a file older than v019 has no persons to check
    for uuid, status, reason, last, n in conn.execute(
        "SELECT uuid, status, status_reason, last_visit_at,"
        f" {'persons' if counted else '0'} FROM households"
    ):
        want = latest.get(uuid, (never.status, never.reason, None, 0))
        if (status, reason, last, n) != (*want[:3], want[3] if counted else 0):
            count += 1
            if len(examples) < EXAMPLES:
                examples.append(Said(ErrorCode.CHECK_STATUS, uuid=uuid, status=status,
                                     reason=reason, want_status=want[0],
                                     want_reason=want[1]))
    if not count:
        return Finding("", "")
    return Finding("", "", count=count, examples=examples,
                   message=f"{count} 户的核查状态与其最近一次完成的走访不一致")

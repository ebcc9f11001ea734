"""Connecting to the roll-up server. The address comes from the command line, FIELDAPP_ROLLUP_URL,
or libpq's own PG* variables (PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE, PGPASSFILE); it is
never printed, logged or written to a bundle: messages name only the host and database."""

from __future__ import annotations

import os
import re

from .errors import RollupError

ENV_URL = "FIELDAPP_ROLLUP_URL"


def resolve_url(url: str | None) -> str:
    """The connection string to use: the argument, else FIELDAPP_ROLLUP_URL, else '' (libpq then
    reads PGHOST etc.). Refuses an empty setup with a clear message."""
    url = url or os.environ.get(ENV_URL, "")
    if not url and not any(os.environ.get(k) for k in ("PGHOST", "PGDATABASE", "PGSERVICE")):
        raise RollupError("没有指定汇总数据库：请用 --to/--from 给出 postgresql://… 地址，"
                          f"或设置环境变量 {ENV_URL}（或 PGHOST、PGDATABASE 等）")
    return url


def describe(url: str) -> str:
    """Host and database of a connection string, without user or password."""
    try:
        from psycopg.conninfo import conninfo_to_dict

        info = conninfo_to_dict(url)
    except Exception:  # noqa: BLE001 - a malformed string is described generically
        return "汇总数据库"
    host = info.get("host") or os.environ.get("PGHOST") or "本机"
    db = info.get("dbname") or os.environ.get("PGDATABASE") or ""
    return f"{host}/{db}" if db else str(host)


_SECRET = re.compile(r"(password\s*=\s*)\S+|(://[^:/@\s]*:)[^@\s]*@", re.IGNORECASE)


def redact(text: str) -> str:
    """Remove passwords from a message (psycopg errors may quote the connection string)."""
    return _SECRET.sub(lambda m: (m.group(1) or m.group(2)) + "***" + ("@" if m.group(2) else ""),
                       text)


def connect(url: str | None):
    """An open psycopg connection (autocommit off), or a RollupError naming host and database."""
    try:
        import psycopg
    except ImportError:  # pragma: no cover - psycopg is a dependency
        raise RollupError("缺少 psycopg：请重新安装 fieldapp") from None
    url = resolve_url(url)
    try:
        return psycopg.connect(url, connect_timeout=10, application_name="fieldapp rollup")
    except psycopg.Error as exc:
        first = redact(str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__)
        raise RollupError(f"连不上汇总数据库 {describe(url)}：{first}") from None

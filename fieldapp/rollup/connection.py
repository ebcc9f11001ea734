"""Connecting to the roll-up server. The address comes from the command line, FIELDAPP_ROLLUP_URL,
or libpq's own PG* variables (PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE, PGPASSFILE); it is
never printed, logged or written to a bundle: messages name only the host and database."""

from __future__ import annotations

import os
import re

from fieldapp.core.messages import ErrorCode, Words

from .errors import RollupError

ENV_URL = "FIELDAPP_ROLLUP_URL"


def resolve_url(url: str | None) -> str:
    """The connection string to use: the argument, else FIELDAPP_ROLLUP_URL, else '' (libpq then
    reads PGHOST etc.). Refuses an empty setup with a clear message."""
    url = url or os.environ.get(ENV_URL, "")
    if not url and not any(os.environ.get(k) for k in ("PGHOST", "PGDATABASE", "PGSERVICE")):
        raise RollupError(ErrorCode.ROLLUP_NO_SERVER, env=ENV_URL)
    return url


def describe(url: str) -> Words:
    """Host and database of a connection string, without user or password (in both languages:
    a local server is "本机" / "this computer")."""
    try:
        from psycopg.conninfo import conninfo_to_dict

        info = conninfo_to_dict(url)
    except Exception:  # noqa: BLE001 - a malformed string is described generically
        return Words("汇总数据库", "the roll-up database")
    host = info.get("host") or os.environ.get("PGHOST")
    db = info.get("dbname") or os.environ.get("PGDATABASE") or ""
    zh, en = (str(host), str(host)) if host else ("本机", "this computer")
    return Words(f"{zh}/{db}", f"{en}/{db}") if db else Words(zh, en)


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
        raise RollupError(ErrorCode.ROLLUP_NO_DRIVER) from None
    url = resolve_url(url)
    try:
        return psycopg.connect(url, connect_timeout=10, application_name="fieldapp rollup")
    except psycopg.Error as exc:
        first = redact(str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__)
        raise RollupError(ErrorCode.ROLLUP_CONNECT, server=describe(url),
                          reason=first) from None

"""A throwaway PostgreSQL + PostGIS cluster for the roll-up tests and benchmark: `initdb` and
`pg_ctl` in a temporary folder, listening only on a Unix socket inside it (no port, no service).
As root (CI), the server runs as the `postgres` system user, since PostgreSQL refuses root."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

USER = "fieldapp_test"


def find_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0)
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def has_postgis(bindir: Path) -> bool:
    version = bindir.parts[-2]
    return bool(glob.glob(f"/usr/share/postgresql/{version}/extension/postgis.control"))


class Cluster:
    def __init__(self, bindir: Path):
        self.bindir = bindir
        self.root = Path(tempfile.mkdtemp(prefix="fieldapp-pg-"))
        self.data = self.root / "data"
        self.socket = self.root
        self._as: list[str] = []
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres", "postgres")
            self._as = ["runuser", "-u", "postgres", "--"]

    def _run(self, *args: str) -> None:
        subprocess.run([*self._as, *args], check=True, capture_output=True, timeout=120)

    def start(self) -> Cluster:
        self._run(str(self.bindir / "initdb"), "-D", str(self.data), "-U", USER,
                  "--auth=trust", "-E", "UTF8", "--no-locale")
        opts = (f"-k {self.socket} -c listen_addresses='' -c fsync=off"
                " -c synchronous_commit=off -c full_page_writes=off")
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-o", opts, "-w",
                  "-l", str(self.root / "server.log"), "start")
        return self

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql://{USER}@/{dbname}?host={self.socket}"

    def new_database(self) -> str:
        import psycopg

        name = "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        return self.url(name)

    def stop(self) -> None:
        try:
            self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

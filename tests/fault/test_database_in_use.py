"""A database another program has open (the app, a command) is never deleted or replaced: building
a demo over it stops with a clear message and its content, -wal included, stays as it was."""

import hashlib
import shutil
import subprocess
import sys
import time

from fieldapp.store import Store

HOLD = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1])
conn.execute("SELECT count(*) FROM households").fetchone()  # an app showing the list
print("open", flush=True)
time.sleep(60)
"""


def _digest(path):
    with Store.open(path, readonly=True) as s:
        rows = s.conn.execute("SELECT uuid, head_name, status FROM households ORDER BY uuid")
        return hashlib.sha256(repr(rows.fetchall()).encode()).hexdigest()


def test_demo_over_an_open_database_is_refused(demo_template, tmp_path):
    db = tmp_path / "county.sqlite"
    shutil.copy(demo_template, db)
    with Store.open(db) as s, s.write("测试") as w:  # a change still in the -wal
        uuid = s.conn.execute("SELECT uuid FROM households LIMIT 1").fetchone()[0]
        w.update("households", uuid, {"head_name": "王未检查点"})
    before = _digest(db)
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(db)], stdout=subprocess.PIPE,
                              text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        t0 = time.monotonic()
        r = subprocess.run([sys.executable, "-m", "fieldapp", "demo", str(db), "--force",
                            "--households", "200"], capture_output=True, text=True, timeout=120, check=False)
        assert r.returncode != 0
        assert "正被其他程序使用" in r.stderr and "Traceback" not in r.stderr
        assert time.monotonic() - t0 < 30  # refused up front, not after building
    finally:
        holder.kill()
        holder.wait()
    assert _digest(db) == before
    # once nothing holds it, the same command may build over it
    r = subprocess.run([sys.executable, "-m", "fieldapp", "demo", str(db), "--force", "--households", "200"],
                       capture_output=True, text=True, timeout=120, check=False)
    assert r.returncode == 0, r.stderr

"""Two or three `import-register` runs of the same file started at once into one database give the
result of one import (they used to both add every household), in separate processes."""

import json
import shutil
import subprocess
import sys

import pytest

from fieldapp.store import Store
from fieldapp.demo.sample_register import make_register


@pytest.mark.parametrize("runs", [2, 3])
def test_concurrent_imports_of_one_file_add_each_household_once(demo_template, tmp_path, runs):
    db = tmp_path / "county.sqlite"
    shutil.copy(demo_template, db)
    with Store.open(db, readonly=True) as s:
        villages = [tuple(r) for r in s.conn.execute(
            "SELECT code, name FROM areas WHERE level = 'village' ORDER BY code LIMIT 4")]
        before = s.conn.execute("SELECT count(*) FROM households").fetchone()[0]
    sample = make_register(tmp_path / "reg.xlsx", villages, 2000, seed=5, region="140802")
    for attempt in range(3):
        procs = [subprocess.Popen([sys.executable, "-m", "fieldapp", "import-register", str(db),
                                   str(sample.path), "--json"],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for _ in range(runs)]
        outs = [p.communicate(timeout=300) for p in procs]
        assert all(p.returncode == 0 for p in procs), [e for _, e in outs]
        results = [json.loads(o) for o, _ in outs]
        with Store.open(db, readonly=True) as s:
            total = s.conn.execute("SELECT count(*) FROM households").fetchone()[0]
        assert total == before + len(sample.good_rows), (attempt, results)
        if attempt == 0:  # exactly one run added them; the others found them unchanged
            assert sorted(r["added"] for r in results) == [0] * (runs - 1) + [len(sample.good_rows)]
        else:
            assert all(r["added"] == 0 for r in results)

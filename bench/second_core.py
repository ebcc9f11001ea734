"""Can the merge use the second core? A probe, not a benchmark (the runner skips it): it
measures the two ways of reading and checking the next bundle while this one is written, on the
merge bench's 20 bundles (issue 20, round 25).

    python -m bench.second_core [--households N] [--workdir DIR] [--pairs K]

1. A thread: for K pairs of bundles, bundle A merged while a thread reads and checks bundle B
   (`read_contents`: decrypt, inflate, parse, check every change), against the same two done one
   after the other. The thread's work is Python and holds the GIL; the merge's writes release it
   around every SQLite step and then wait for it back.
2. A process: it would hand the checked changes back to the merge, which must unpickle them. For
   every bundle: the time to read and check it here against the time to unpickle its checked
   changes (what a helper process would leave on the merge's core).
"""

from __future__ import annotations

import argparse
import pickle
import shutil
import tempfile
import threading
import time
from pathlib import Path

from fieldapp.store import Store
from fieldapp.sync import identity
from fieldapp.sync.merge import merge_file, merge_files
from fieldapp.sync.reader import local_copy, read_contents

from . import bench_merge
from .common import DEFAULT_HOUSEHOLDS, ensure_county, remove_db


def _read(bundle: Path, keys) -> list:
    with local_copy(bundle) as (opened, work):
        return read_contents(opened, work, keys, None).changes


def _pair(empty: Path, db: Path, first: list[Path], a: Path, b: Path, keys,
          threaded: bool) -> float:
    """Seconds to merge `a` and read `b` (into a county that already holds `first`)."""
    remove_db(db)
    shutil.copyfile(empty, db)
    with Store.open(db) as s:
        merge_files(s, first, keys)
        start = time.perf_counter()
        if threaded:
            reader = threading.Thread(target=_read, args=(b, keys))
            reader.start()
            merge_file(s, a, keys)
            reader.join()
        else:
            merge_file(s, a, keys)
            _read(b, keys)
        return time.perf_counter() - start


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--households", type=int, default=DEFAULT_HOUSEHOLDS)
    p.add_argument("--workdir", type=Path, default=None)
    p.add_argument("--pairs", type=int, default=3)
    args = p.parse_args()
    if args.workdir is not None:
        _probe(args.workdir, args.households, args.pairs)
        return
    # a county and 20 bundles, about 1.5 GB: removed when done
    with tempfile.TemporaryDirectory(prefix="fieldapp-second-core-") as tmp:
        _probe(Path(tmp), args.households, args.pairs)


def _probe(workdir: Path, households: int, pairs: int) -> None:
    source, _ = ensure_county(workdir, households)
    empty, bundles = bench_merge._prepare(workdir, source)
    db = workdir / "second-core.sqlite"
    remove_db(db)
    shutil.copyfile(empty, db)
    with Store.open(db) as s:
        keys = identity.unlock(s, bench_merge.PW)
    print("1. a thread reads and checks bundle B while bundle A is merged")
    for k in range(min(pairs, len(bundles) // 2)):
        first, a, b = bundles[:2 * k], bundles[2 * k], bundles[2 * k + 1]
        alone = _pair(empty, db, first, a, b, keys, threaded=False)
        beside = _pair(empty, db, first, a, b, keys, threaded=True)
        print(f"   {a.name} + {b.name}: one after the other {alone:.2f} s,"
              f" side by side {beside:.2f} s ({beside / alone:.2f}×)")
    remove_db(db)
    print("2. a process would send the checked changes back: unpickling them against reading")
    read_s = loads_s = 0.0
    for bundle in bundles:
        t = time.perf_counter()
        changes = _read(bundle, keys)
        read_s += time.perf_counter() - t
        data = pickle.dumps(changes, pickle.HIGHEST_PROTOCOL)
        t = time.perf_counter()
        pickle.loads(data)
        loads_s += time.perf_counter() - t
    print(f"   {len(bundles)} bundles: read and checked in {read_s:.2f} s; their checked changes"
          f" unpickled in {loads_s:.2f} s ({loads_s / read_s:.0%} of the read)")


if __name__ == "__main__":
    main()

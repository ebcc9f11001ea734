"""Scale (issue 20): every workload again on a county twice the size (440,000 households for
the default), and the ratio of the two times — about 2.0 where the time is linear in households.

`make bench` runs it (BENCH_2X=1, the Makefile's default); `python -m bench` alone does not, as it
about doubles the time (`BENCH_2X=1 python -m bench`, or `--scale`). Modules whose work does not
depend on the county's size say so (`SCALES_WITH_COUNTY = False`) and are not run twice.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

ENV = "BENCH_2X"
FACTOR = 2


def wanted(flag: bool) -> bool:
    return flag or os.environ.get(ENV, "").strip().lower() in ("1", "yes", "true", "on")


def scales(name: str) -> bool:
    """Whether bench/<name>.py depends on the county's size (read from its text: the runner
    itself imports no workload)."""
    text = (Path(__file__).parent / f"{name}.py").read_text(encoding="utf-8")
    return re.search(r"^SCALES_WITH_COUNTY\s*=\s*False", text, re.MULTILINE) is None


def compare(small: dict[str, list[dict]], large: dict[str, list[dict]]) -> list[dict]:
    """Rows pairing each workload's time at both sizes (matched by module and position: names
    carry the counts, which differ). ours_s: the time at 2×; baseline_s: at 1×; so the printed
    ratio is the growth (2.00× = linear); the note divides it by the size factor and gives the
    ratio to the workload's own baseline at both sizes."""
    out = []
    for name, rows in small.items():
        for i, r in enumerate(rows):
            big = large.get(name, [])
            r2 = big[i] if i < len(big) else None
            t1, t2 = r.get("ours_s"), (r2 or {}).get("ours_s")
            if t1 is None or t2 is None:
                continue
            growth = t2 / t1 if t1 else float("nan")
            # a workload whose size is not the county's says so (`size`: its register rows)
            factor = r2["size"] / r["size"] if r.get("size") and r2.get("size") else FACTOR
            note = f"{growth / factor:.2f}× linear"
            if r.get("baseline_s") and r2.get("baseline_s"):
                # ours against its baseline at each size, both halves under the same load: on a
                # shared machine a steadier sign of linearity than two runs minutes apart
                note += (f"; against its baseline {t1 / r['baseline_s']:.2f}× at 1×,"
                         f" {t2 / r2['baseline_s']:.2f}× at {factor:g}×")
            out.append({"workload": r2["workload"], "ours_s": t2, "baseline": "ours at 1×",
                        "baseline_s": t1, "note": note})
    return out

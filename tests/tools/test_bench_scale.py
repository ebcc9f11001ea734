"""`make bench` (BENCH_2X=1) prints every workload at the county's size and at twice it, and the
growth between the two; `python -m bench` alone runs the one size. Tiny counties: this checks the
runner, not any figure (no timing is asserted)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _bench(tmp_path: Path, *args: str, scale: str | None) -> str:
    env = {k: v for k, v in os.environ.items() if k != "BENCH_2X"}
    if scale is not None:
        env["BENCH_2X"] = scale
    proc = subprocess.run(
        [sys.executable, "-m", "bench", "--households", "300", "--workdir", str(tmp_path),
         "--only", "reconcile", "--only", "calculates", *args],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_make_bench_prints_both_sizes_and_the_growth(tmp_path):
    out = _bench(tmp_path, scale="1")
    assert "the same at 2× the county (600 households)" in out
    growth = out.split("600 households against 300")[1]
    # the county-sized workload is paired with itself at 300 households …
    assert "reconcile county (600 households)" in growth and "ours at 1×" in growth
    assert "× linear; against its baseline" in growth
    # … a fixed-size one (a form's keystrokes) is not run again
    assert "keystroke" not in growth
    assert (tmp_path / "x2" / "county.json").exists()


def test_python_m_bench_alone_runs_one_size(tmp_path):
    out = _bench(tmp_path, scale=None)
    assert "reconcile county (300 households)" in out
    assert "the same at 2×" not in out and not (tmp_path / "x2").exists()

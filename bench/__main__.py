"""`python -m bench` (or `make bench`): build a county once, run every bench/bench_*.py, print
our time, the plain baseline's time in the same run, and the ratio.

Each module runs in its own process (memory figures stay its own; a crash in one does not stop
the others). A module that fails prints its error and the runner goes on.
"""

from __future__ import annotations

import argparse
import importlib
import json
import pkgutil
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

from . import common, scale

TIMEOUT_S = 3600


def module_names() -> list[str]:
    here = Path(__file__).parent
    return sorted(m.name for m in pkgutil.iter_modules([str(here)])
                  if m.name.startswith("bench_"))


def _select(names: list[str], only: list[str] | None) -> list[str]:
    if not only:
        return names
    wanted = {o if o.startswith("bench_") else f"bench_{o}" for o in only}
    unknown = wanted - set(names)
    if unknown:
        raise SystemExit(f"bench: no such benchmark: {', '.join(sorted(unknown))} "
                         f"(have: {', '.join(n.removeprefix('bench_') for n in names)})")
    return [n for n in names if n in wanted]


def _child(name: str, workdir: Path, households: int, result: Path) -> int:
    """Run one module in this process and write its rows (or its error) to `result`."""
    try:
        module = importlib.import_module(f"bench.{name}")
        rows = module.run(workdir, households)
        payload = {"rows": list(rows)}
    except BaseException:  # noqa: BLE001 - the runner reports it and goes on
        payload = {"error": traceback.format_exc()}
    result.write_text(json.dumps(payload, ensure_ascii=False, default=str), encoding="utf-8")
    return 0


def _run_module(name: str, workdir: Path, households: int) -> tuple[list[dict], str | None]:
    result = workdir / f".{name}.result.json"
    result.unlink(missing_ok=True)
    cmd = [sys.executable, "-m", "bench", "--child", name, "--workdir", str(workdir),
           "--households", str(households), "--result", str(result)]
    try:
        proc = subprocess.run(cmd, check=False, timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        return [], f"timed out after {TIMEOUT_S} s"
    if not result.exists():
        return [], f"process ended with exit code {proc.returncode} and no result"
    payload = json.loads(result.read_text(encoding="utf-8"))
    if "error" in payload:
        return [], payload["error"]
    return payload["rows"], None


def _fmt_s(value) -> str:
    if value is None:
        return "—"
    return f"{value:.3f} s" if value < 10 else f"{value:.1f} s"


def ratio(row: dict) -> str:
    ours, base = row.get("ours_s"), row.get("baseline_s")
    if ours is None or not base:
        return "—"
    return f"{ours / base:.2f}×"


def table(rows: list[dict]) -> str:
    """A Markdown table: readable on a terminal and pasted as is into the README."""
    head = ["workload", "ours", "baseline", "baseline time", "ratio", "note"]
    body = [[r["workload"], _fmt_s(r.get("ours_s")), r.get("baseline") or "—",
             _fmt_s(r.get("baseline_s")), ratio(r), r.get("note") or ""] for r in rows]
    widths = [max(len(h), *(len(b[i]) for b in body)) if body else len(h)
              for i, h in enumerate(head)]
    lines = ["| " + " | ".join(h.ljust(w) for h, w in zip(head, widths)) + " |",
             "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    lines += ["| " + " | ".join(c.ljust(w) for c, w in zip(b, widths)) + " |" for b in body]
    return "\n".join(lines)


def _run_all(names: list[str], workdir: Path, households: int) -> tuple[dict[str, list[dict]],
                                                                        list[str]]:
    """Build the county of `households` in `workdir`, run each module in its own process."""
    print(f"building county {common.COUNTY} with {households:,} households in {workdir} …",
          flush=True)
    _path, seconds = common.ensure_county(workdir, households)
    print(f"  built in {seconds:.1f} s", flush=True)
    by_module: dict[str, list[dict]] = {}
    failed: list[str] = []
    for name in names:
        print(f"== {name}", flush=True)
        t0 = time.perf_counter()
        got, error = _run_module(name, workdir, households)
        if error:
            failed.append(name)
            print(f"!! {name} failed:\n{error.rstrip()}", file=sys.stderr, flush=True)
            by_module[name] = [common.row(name.removeprefix("bench_"), None, "", None, "FAILED")]
            continue
        by_module[name] = got
        for r in got:
            print(f"   {r['workload']}: ours {_fmt_s(r.get('ours_s'))}, "
                  f"{r.get('baseline') or '—'} {_fmt_s(r.get('baseline_s'))}, "
                  f"ratio {ratio(r)}", flush=True)
        print(f"   ({time.perf_counter() - t0:.0f} s)", flush=True)
    return by_module, failed


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    p.add_argument("--households", type=int, default=common.DEFAULT_HOUSEHOLDS,
                   help="county size (default 218,800: 330411 秀洲区)")
    p.add_argument("--only", action="append", metavar="NAME",
                   help="run only this benchmark (demo, merge, ...); may be repeated")
    p.add_argument("--workdir", type=Path, default=None,
                   help="where to build the county (default: a temporary folder, removed after)")
    p.add_argument("--json", type=Path, default=None, metavar="FILE",
                   help="also write the rows as JSON")
    p.add_argument("--scale", action="store_true",
                   help=f"also run every workload on a county {scale.FACTOR}× the size and print"
                        f" the growth (also with {scale.ENV}=1; `make bench` does)")
    p.add_argument("--child", help=argparse.SUPPRESS)
    p.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    args = p.parse_args(argv)

    if args.child:
        return _child(args.child, args.workdir, args.households, args.result)

    names = _select(module_names(), args.only)
    tmp = None
    if args.workdir is None:
        tmp = tempfile.TemporaryDirectory(prefix="fieldapp-bench-")
        workdir = Path(tmp.name)
    else:
        workdir = args.workdir.resolve()
        workdir.mkdir(parents=True, exist_ok=True)
    print(f"machine: {common.machine()}", flush=True)
    by_module, failed = _run_all(names, workdir, args.households)
    rows = [r for got in by_module.values() for r in got]
    print()
    print(f"{args.households:,} households (county {common.COUNTY}); {common.machine()}")
    print()
    print(table(rows))
    payload = {"machine": common.machine(), "households": args.households, "rows": rows}
    if scale.wanted(args.scale):
        big_n = args.households * scale.FACTOR
        scaled = [n for n in names if scale.scales(n)]
        print(f"\n== the same at {scale.FACTOR}× the county ({big_n:,} households)", flush=True)
        big, failed_big = _run_all(scaled, workdir / f"x{scale.FACTOR}", big_n)
        failed += [f"{n} ({scale.FACTOR}×)" for n in failed_big]
        growth = scale.compare({n: by_module.get(n, []) for n in scaled}, big)
        print()
        print(table([r for g in big.values() for r in g]))
        print()
        print(f"{big_n:,} households against {args.households:,}: ours at {scale.FACTOR}×,"
              f" ours at 1×, growth (2.00× = linear in households)")
        print()
        print(table(growth))
        payload.update(households_2x=big_n, rows_2x=[r for g in big.values() for r in g],
                       scale=growth)
    if args.json:
        args.json.write_text(json.dumps(payload, ensure_ascii=False, indent=2),
                             encoding="utf-8")
    if failed:
        print(f"\nfailed: {', '.join(failed)}", file=sys.stderr)
    if tmp is not None:
        tmp.cleanup()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

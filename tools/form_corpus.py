"""Try a folder of XLSForms as a county form author would: which forms pyxform converts, how many of
those fieldapp loads, and why the others are refused (problem codes, counted once per form).

    python tools/form_corpus.py FOLDER [FOLDER ...] [--json] [--list]

Forms are the .xlsx / .xls / .xlsm files under the folders. A form pyxform rejects is not counted
(fieldapp should reject it too; `--list` shows whether it does). Example: pyxform's own test forms
(github.com/XLSForm/pyxform, tests/example_xls and tests/bug_example_xls, BSD licence).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere: this checkout's fieldapp
    sys.path.insert(0, str(ROOT))

from fieldapp.survey.errors import FormError  # noqa: E402
from fieldapp.survey.loader import load_form  # noqa: E402

SUFFIXES = (".xlsx", ".xls", ".xlsm")


@dataclass
class Outcome:
    path: str
    pyxform_ok: bool
    loaded: bool
    codes: list[str] = field(default_factory=list)  # fieldapp's problem codes, sorted, unique
    first: str = ""  # fieldapp's first problem, as a user reads it
    seconds: float = 0.0


def pyxform_converts(path: Path) -> bool:
    from pyxform.xls2xform import convert

    try:
        convert(xlsform=str(path), validate=False)
    except Exception:  # noqa: BLE001 - any pyxform refusal counts as "does not convert"
        return False
    return True


def try_form(path: Path) -> Outcome:
    ok = pyxform_converts(path)
    start = time.perf_counter()
    try:
        load_form(path)
    except FormError as exc:
        return Outcome(str(path), ok, False, sorted({p.code for p in exc.problems}),
                       str(exc.problems[0]), time.perf_counter() - start)
    return Outcome(str(path), ok, True, seconds=time.perf_counter() - start)


def forms_under(folders: list[Path]) -> list[Path]:
    return sorted(p for d in folders for p in d.rglob("*")
                  if p.suffix.lower() in SUFFIXES and not p.name.startswith("~$"))


def summary(outcomes: list[Outcome]) -> dict:
    converted = [o for o in outcomes if o.pyxform_ok]
    loaded = [o for o in converted if o.loaded]
    reasons = Counter(c for o in converted if not o.loaded for c in o.codes)
    return {"forms": len(outcomes), "pyxform_converts": len(converted), "fieldapp_loads": len(loaded),
            "load_rate": round(len(loaded) / len(converted), 4) if converted else None,
            "refusal_reasons": dict(reasons.most_common()),
            "pyxform_rejects_fieldapp_loads": [o.path for o in outcomes
                                               if not o.pyxform_ok and o.loaded],
            "slowest_load_s": round(max((o.seconds for o in outcomes), default=0.0), 3)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folders", nargs="+", type=Path)
    ap.add_argument("--json", action="store_true", help="the summary and every form as JSON")
    ap.add_argument("--list", action="store_true", help="one line per form")
    args = ap.parse_args(argv)
    outcomes = [try_form(p) for p in forms_under(args.folders)]
    result = summary(outcomes)
    if args.json:
        print(json.dumps({**result, "outcomes": [asdict(o) for o in outcomes]},
                         ensure_ascii=False, indent=1))
        return 0
    if args.list:
        for o in outcomes:
            mark = "ok " if o.loaded else "NO "
            print(f"{mark}pyxform={'ok' if o.pyxform_ok else 'NO'} {o.path}  {o.first[:160]}")
    print(f"forms: {result['forms']}  pyxform converts: {result['pyxform_converts']}  "
          f"fieldapp loads: {result['fieldapp_loads']}  rate: {result['load_rate']}")
    for code, n in result["refusal_reasons"].items():
        print(f"  {n:4d}  {code}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

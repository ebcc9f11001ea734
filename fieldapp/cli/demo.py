"""fieldapp demo DB [--county 140824|330411] [--households N] [--seed S]"""

from __future__ import annotations

import sys
import time

from fieldapp.jobs.demo_build import COUNTIES, build_demo

from .common import CliError, StderrProgress, zh_en, plural
from fieldapp.core.messages import ErrorCode


def register(sub) -> None:
    p = sub.add_parser("demo", help="用真实村名单生成演示区县数据库（合成户数据）")
    p.add_argument("db")
    p.add_argument("--county", default="140824", choices=COUNTIES,
                   help="140824 稷山县（默认）或 330411 秀洲区")
    p.add_argument("--households", type=int, default=None,
                   help="户数（默认与真实区县相当：稷山约 104,500，秀洲约 218,800）")
    p.add_argument("--seed", type=int, default=1, help="随机种子：同一种子生成同样的数据")
    p.add_argument("--force", action="store_true", help="覆盖已存在的文件")
    p.set_defaults(func=run)


def run(args) -> int:
    from pathlib import Path

    if Path(args.db).exists() and not args.force:
        raise CliError(ErrorCode.CLI_DEMO_EXISTS, where=args.db)
    if args.households is not None and args.households < 0:
        raise CliError(ErrorCode.CLI_NEGATIVE, option="--households")
    t0 = time.perf_counter()
    s = build_demo(args.db, args.county, args.households, args.seed,
                   progress=StderrProgress(zh_en("生成演示数据", "Making demo data")))
    took = time.perf_counter() - t0
    print(zh_en(f"已生成 {s.path}: {s.townships} 个乡镇, {s.villages} 个村（社区）, "
                f"{s.households} 户, {s.visits} 次走访, 用时 {took:.1f} 秒",
                f"Made {s.path}: {plural(s.townships, 'township')}, "
                f"{plural(s.villages, 'village')}, {plural(s.households, 'household')}, "
                f"{plural(s.visits, 'visit')} in {took:.1f} s"),
          file=sys.stderr)
    return 0

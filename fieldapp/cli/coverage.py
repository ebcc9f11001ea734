"""fieldapp coverage-rule DB [--set FILE.json] [--json] — the county's coverage rule (覆盖标准)."""

from __future__ import annotations

import json
from pathlib import Path

from fieldapp.core.coverage_rule import CoverageRule
from fieldapp.store.coverage_rule import rule_of
from fieldapp.store.households.status import set_rule

from .common import CliError, open_store, print_json
from fieldapp.core.messages import ErrorCode


def register(sub) -> None:
    p = sub.add_parser("coverage-rule", help="覆盖标准：查看或更换（更换后重新计算所有户的状态）")
    p.add_argument("db")
    p.add_argument("--set", metavar="FILE.json", help="换成这个覆盖标准文件（要有新的版本号）")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run)


def run(args) -> int:
    with open_store(args.db, readonly=not args.set) as store:
        recomputed = None
        if args.set:
            try:
                text = Path(args.set).read_bytes()
            except OSError as exc:
                raise CliError(ErrorCode.CLI_CANNOT_READ, reason=exc.strerror, where=args.set) from None
            recomputed = set_rule(store, CoverageRule.from_json(text, where=args.set))
        rule = rule_of(store.conn)
    data = json.loads(rule.to_json())
    if args.json:
        print_json({**data, "recomputed": recomputed})
        return 0
    print(f"覆盖标准 版本 {rule.version}：见到住户、有接收方式且现在能正常收看，并且：")
    for r in data["requires"]:
        print(f"  - {r['field']} {'包含' if 'contains' in r else '不是' if 'not' in r else '等于'} "
              f"{r.get('contains') or r.get('not') or r.get('equals')}（否则原因 {r['reason']}）")
    if recomputed is not None:
        print(f"已按新标准重新计算 {recomputed} 户的状态")
    return 0

"""fieldapp coverage-rule DB [--set FILE.json] [--json] — the county's coverage rule (覆盖标准)."""

from __future__ import annotations

import json
from pathlib import Path

from fieldapp.core.coverage_rule import CoverageRule
from fieldapp.store.coverage_rule import rule_of
from fieldapp.store.households.status import set_rule

from .common import CliError, open_store, print_json, zh_en, plural
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
        rule = rule_of(store)
    data = json.loads(rule.to_json())
    if args.json:
        print_json({**data, "recomputed": recomputed})
        return 0
    print(zh_en(f"覆盖标准 版本 {rule.version}：见到住户、有接收方式且现在能正常收看，并且：",
                f"Coverage rule version {rule.version}: household met, a reception mode that "
                "works now, and:"))
    for r in data["requires"]:
        test = "contains" if "contains" in r else "not" if "not" in r else "equals"
        word = zh_en({"contains": "包含", "not": "不是", "equals": "等于"}[test],
                     {"contains": "contains", "not": "is not", "equals": "is"}[test])
        value = r.get("contains") or r.get("not") or r.get("equals")
        print(zh_en(f"  - {r['field']} {word} {value}（否则原因 {r['reason']}）",
                    f"  - {r['field']} {word} {value} (else reason {r['reason']})"))
    if recomputed is not None:
        print(zh_en(f"已按新标准重新计算 {recomputed} 户的状态",
                    f"Recomputed the status of {plural(recomputed, 'household')} by the new rule"))
    return 0

"""Errors a user sees are raised with a catalogue code and parameters (fieldapp.core.messages),
not with inline text.  A ratchet: the files below still raise with inline text; the list may
only shrink (the test fails when a listed file has been converted, so it is taken off)."""

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parent.parent / "fieldapp"

NOT_YET_CONVERTED = {
    # merged in parallel with the catalogue (issue 17, field-found households, coverage rule):
    "fieldapp/cli/coverage.py",
    "fieldapp/cli/household.py",
    # merged in parallel with the catalogue (issue 15, device certificates):
    "fieldapp/cli/backup.py",
    "fieldapp/cli/check.py",
    "fieldapp/cli/conflicts.py",
    "fieldapp/cli/demo.py",
    "fieldapp/cli/gaps.py",
    "fieldapp/cli/init.py",
    "fieldapp/cli/map.py",
    "fieldapp/cli/register.py",
    "fieldapp/cli/report.py",
    "fieldapp/cli/sheets.py",
    "fieldapp/cli/spotcheck.py",
}


def _inline_text(node: ast.AST) -> bool:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return any(ch.isalpha() for ch in node.value)
    if isinstance(node, ast.JoinedStr):
        return any(_inline_text(v) for v in node.values if isinstance(v, ast.Constant))
    if isinstance(node, ast.BinOp):
        return _inline_text(node.left) or _inline_text(node.right)
    return False


def _raises_with_text(path: Path) -> list[int]:
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
            call = node.exc
            args = list(call.args) + [k.value for k in call.keywords if k.arg == "message"]
            if any(_inline_text(a) for a in args):
                lines.append(node.lineno)
    return lines


def _offenders() -> dict[str, list[int]]:
    found = {}
    for path in sorted(PKG.rglob("*.py")):
        if lines := _raises_with_text(path):
            found[path.relative_to(PKG.parent).as_posix()] = lines
    return found


def test_no_new_file_raises_with_inline_text():
    new = {f: lines for f, lines in _offenders().items() if f not in NOT_YET_CONVERTED}
    assert new == {}, "raise with an ErrorCode from fieldapp/core/messages.py instead"


def test_the_allow_list_only_shrinks():
    converted = sorted(set(NOT_YET_CONVERTED) - set(_offenders()))
    assert converted == [], "these files are converted: take them off NOT_YET_CONVERTED"


def test_the_check_sees_inline_text():
    tree = "raise FieldappError(f'文件 {p} 不存在')\nraise Cancelled(ErrorCode.CANCELLED)\n"
    tmp = ast.parse(tree)
    found = [n.lineno for n in ast.walk(tmp) if isinstance(n, ast.Raise)
             and any(_inline_text(a) for a in n.exc.args)]
    assert found == [1]

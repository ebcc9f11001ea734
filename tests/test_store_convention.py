"""The store's one calling convention: every store function another layer calls takes the Store
(`fn(store, ...)`); a function taking a raw sqlite3 connection works inside a transaction already
under way and is private to fieldapp/store (an underscore name, or a module of
TRANSACTION_INTERNAL, such as the migrations, which the store alone runs). Read from the source
(AST), so a new function that breaks the rule fails here before anyone calls it."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STORE = ROOT / "fieldapp" / "store"
TRANSACTION_INTERNAL = ("fieldapp.store.migrations",)  # run by Store._migrate with its connection
CONN_NAMES = {"conn", "connection", "cur", "cursor"}
OUTSIDE = [ROOT / "fieldapp", ROOT / "tests", ROOT / "bench", ROOT / "tools"]


def _module(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _takes_connection(fn: ast.FunctionDef) -> bool:
    args = fn.args.posonlyargs + fn.args.args
    if not args:
        return False
    first = args[0]
    note = ast.unparse(first.annotation) if first.annotation else ""
    return first.arg in CONN_NAMES or "Connection" in note or "Cursor" in note


def connection_functions() -> dict[tuple[str, str], str]:
    """(module, name) -> file:line of every top-level store function taking a connection."""
    found = {}
    for path in STORE.rglob("*.py"):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.FunctionDef) and _takes_connection(node):
                found[(_module(path), node.name)] = f"{path.relative_to(ROOT)}:{node.lineno}"
    return found


def _resolve(path: Path, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = _module(path).split(".")
    if path.name != "__init__.py":
        base = base[:-1]
    base = base[:len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def uses_in(path: Path, tree: ast.AST, functions) -> list[str]:
    """The places in one module that import such a function, or call it through an imported
    store module (`from fieldapp.store import conflicts; conflicts.fn(...)`)."""
    modules = {m for m, _ in functions}
    found, aliases = [], {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            source = _resolve(path, node)
            for a in node.names:
                if (source, a.name) in functions:
                    found.append(f"{path.name}:{node.lineno} imports {source}.{a.name}")
                if f"{source}.{a.name}" in modules:
                    aliases[a.asname or a.name] = f"{source}.{a.name}"
        elif isinstance(node, ast.Import):
            aliases.update({a.asname: a.name for a in node.names if a.name in modules and a.asname})
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                and (aliases.get(node.value.id), node.attr) in functions):
            found.append(f"{path.name}:{node.lineno} uses {aliases[node.value.id]}.{node.attr}")
    return found


def uses_outside_store(functions) -> list[str]:
    return [f"{path.relative_to(ROOT).parent}/{use}"
            for top in OUTSIDE for path in top.rglob("*.py") if not path.is_relative_to(STORE)
            for use in uses_in(path, ast.parse(path.read_text(encoding="utf-8")), functions)]


def test_nothing_outside_the_store_calls_a_function_that_takes_a_connection():
    assert uses_outside_store(connection_functions()) == []


def test_functions_taking_a_connection_are_private_to_the_store():
    public = [f"{where} {name}" for (module, name), where in connection_functions().items()
              if not name.startswith("_") and not module.startswith(TRANSACTION_INTERNAL)]
    assert public == [], "take the Store, or make it private (underscore name)"


def test_the_check_finds_a_connection_function_used_by_another_layer():
    functions = {("fieldapp.store.conflicts", "conflicts"): "x",
                 ("fieldapp.store.sync_log.keys", "devices"): "y"}
    here = ROOT / "fieldapp" / "sync" / "example.py"
    source = ("from fieldapp.store import conflicts as c\n"
              "from fieldapp.store.sync_log.keys import devices\n"
              "c.conflicts(conn)\n")
    assert uses_in(here, ast.parse(source), functions) == [
        "example.py:2 imports fieldapp.store.sync_log.keys.devices",
        "example.py:3 uses fieldapp.store.conflicts.conflicts"]
    relative = ast.parse("from ..store import conflicts\nconflicts.conflicts(conn)\n")
    assert uses_in(here, relative, functions) == ["example.py:2 uses fieldapp.store.conflicts.conflicts"]

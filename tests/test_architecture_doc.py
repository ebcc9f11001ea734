"""docs/architecture.md matches the tree: every module, package and file it names exists, and
every layer of the import contracts is in its picture."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")


def _exists(dotted: str) -> bool:
    base = ROOT.joinpath(*dotted.split("."))
    return base.with_suffix(".py").is_file() or (base / "__init__.py").is_file()


def test_every_named_path_exists():
    paths = set(re.findall(r"(?<![\w/])((?:fieldapp|docs|tools|tests)/[\w/.-]*\w)", DOC))
    missing = [p for p in sorted(paths) if not (ROOT / p).exists()]
    assert missing == []


def test_every_named_module_exists():
    named = set(re.findall(r"`((?:jobs|store|ui|core|tabular|geo|sync|reports|survey)"
                           r"(?:\.\w+)+)", DOC))
    missing = []
    for dotted in sorted(named):
        parts = ("fieldapp." + dotted).split(".")
        # a module, or an attribute of one (jobs.register_import.import_register)
        if not any(_exists(".".join(parts[:n])) for n in (len(parts), len(parts) - 1)):
            missing.append(dotted)
    assert missing == []


def test_the_rooms_listed_are_the_rooms_there():
    rooms = {p.name for p in (ROOT / "fieldapp" / "ui").iterdir() if (p / "__init__.py").exists()}
    for room in rooms:
        assert f"`{room}`" in DOC, room


def test_every_layer_of_the_contract_is_in_the_picture():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    layers = next(c for c in config["tool"]["importlinter"]["contracts"] if c["id"] == "layers")
    for layer in layers["layers"]:
        for name in layer.replace("|", " ").split():
            assert re.search(rf"\b{name}\b", DOC.split("## Where code goes")[0]), name

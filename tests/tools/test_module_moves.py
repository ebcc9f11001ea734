"""tools/module_moves.py: moves whole files with git and rewrites every way of naming them,
and running it again (after merging code written in the old layout) finishes the job."""

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("module_moves", ROOT / "tools" / "module_moves.py")
mm = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mm)

MOVES = {
    "fieldapp.ui.about": "fieldapp.ui.shell.about",
    "fieldapp.ui.dashboard": "fieldapp.ui.overview.panel",
    "fieldapp.ui.merge_menu": "fieldapp.ui.sync.sync_menu",
}
TEST_MOVES = {"tests/ui/test_about.py": "tests/ui/shell/test_about.py"}


def _write(root, rel, text):
    p = root / rel
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text, encoding="utf-8")


def _repo(tmp_path):
    root = tmp_path / "repo"
    _write(root, "fieldapp/__init__.py", "")
    _write(root, "fieldapp/ui/__init__.py", "")
    _write(root, "fieldapp/ui/labels.py", "TITLE = 'fieldapp'\n")
    _write(root, "fieldapp/ui/about.py",
           "from .labels import TITLE\nfrom . import dashboard\n\n"
           "def about():\n    return TITLE + dashboard.NAME\n")
    _write(root, "fieldapp/ui/dashboard.py", "NAME = '-dash'\n")
    _write(root, "fieldapp/ui/merge_menu.py",
           "from .about import (\n    about,\n)\n\ndef menu():\n    return about()\n")
    _write(root, "fieldapp/ui/app.py",
           "from fieldapp.ui import about, labels\nfrom .merge_menu import menu\n"
           "import fieldapp.ui.dashboard\n\n"
           "def run():\n    return about.about() + menu() + fieldapp.ui.dashboard.NAME\n")
    _write(root, "tests/ui/test_about.py",
           "from unittest import mock\nfrom fieldapp.ui.about import about\n\n"
           "def test_about():\n"
           "    with mock.patch('fieldapp.ui.about.TITLE', 'x'):\n"
           "        assert about() == 'x-dash'\n")
    _write(root, "docs/notes.md",
           "See fieldapp/ui/about.py, `fieldapp.ui.merge_menu` and tests/ui/test_about.py.\n")
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    subprocess.run(["git", "add", "-A"], cwd=root, check=True)
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm",
                    "old layout"], cwd=root, check=True)
    return root


def _run(root, code):
    return subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True,
                          text=True, check=True).stdout.strip()


def test_apply_moves_files_and_rewrites_every_kind_of_import(tmp_path):
    root = _repo(tmp_path)
    before = _run(root, "from fieldapp.ui.app import run; print(run())")
    mm.apply(root, MOVES, TEST_MOVES, {})
    assert (root / "fieldapp/ui/shell/about.py").is_file()
    assert (root / "fieldapp/ui/shell/__init__.py").is_file()
    assert (root / "fieldapp/ui/overview/panel.py").is_file()
    assert not (root / "fieldapp/ui/about.py").exists()
    assert (root / "tests/ui/shell/test_about.py").is_file()
    assert _run(root, "from fieldapp.ui.app import run; print(run())") == before
    test_text = (root / "tests/ui/shell/test_about.py").read_text()
    assert "mock.patch('fieldapp.ui.shell.about.TITLE'" in test_text
    docs = (root / "docs/notes.md").read_text()
    assert "fieldapp/ui/shell/about.py" in docs and "fieldapp.ui.sync.sync_menu" in docs
    assert "tests/ui/shell/test_about.py" in docs
    status = subprocess.run(["git", "status", "--porcelain"], cwd=root, capture_output=True, check=True,
                            text=True).stdout
    assert "fieldapp/ui/about.py -> fieldapp/ui/shell/about.py" in status  # a rename
    # the test file, run from its new place, still passes
    subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                    "tests/ui/shell/test_about.py"], cwd=root, check=True, capture_output=True)


def test_apply_again_changes_nothing_then_fixes_code_merged_in_the_old_layout(tmp_path):
    root = _repo(tmp_path)
    mm.apply(root, MOVES, TEST_MOVES, {})
    snapshot = {p: p.read_text() for p in root.rglob("*.py")}
    moved, changed = mm.apply(root, MOVES, TEST_MOVES, {})
    assert moved == [] and changed == []
    assert {p: p.read_text() for p in root.rglob("*.py")} == snapshot
    # another engineer, still in the old layout, edits the moved file and adds a flat one
    about = root / "fieldapp/ui/shell/about.py"
    about.write_text(about.read_text() + "from .labels import TITLE as T2\n")
    _write(root, "fieldapp/ui/new_screen.py",
           "from .about import about\nfrom .dashboard import NAME\n\n"
           "def show():\n    return about() + NAME\n")
    mm.apply(root, MOVES, TEST_MOVES, {})
    assert "from fieldapp.ui.labels import TITLE as T2" in about.read_text()
    assert _run(root, "from fieldapp.ui.new_screen import show; print(show())") == \
        "fieldapp-dash-dash"
    assert mm.leftovers(root, MOVES) == []


def test_map_module_maps_attributes_and_refuses_ambiguous_moves():
    assert mm.map_module("fieldapp.ui.dashboard.NAME", MOVES) == "fieldapp.ui.overview.panel.NAME"
    assert mm.map_module("fieldapp.ui.overview.panel.NAME", MOVES) == \
        "fieldapp.ui.overview.panel.NAME"
    assert mm.map_module("fieldapp.ui.about_x", MOVES) == "fieldapp.ui.about_x"
    with pytest.raises(ValueError, match="under the old module"):
        mm.validate({"fieldapp.ui.dashboard": "fieldapp.ui.dashboard.panel"})


def test_the_recorded_moves_are_applied_in_this_tree(capsys):
    """After a merge the lead runs `apply`; until then this fails on code in the old layout."""
    mm.validate(mm.MODULE_MOVES)
    assert mm.leftovers() == []
    assert mm.main(["module_moves.py", "check"]) == 0, capsys.readouterr().out

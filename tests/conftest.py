"""Shared fixtures: a fresh temporary database per test, and a small demo county built once."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Commands speak English under an English locale (LANG=en_…); the tests read the Chinese.
for _name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
    os.environ.pop(_name, None)
os.environ["LANG"] = "C.UTF-8"

from fieldapp.jobs.demo_build import build_demo  # noqa: E402
from fieldapp.store import Store  # noqa: E402


@pytest.fixture
def store(tmp_path):
    """An empty county database (140824) with its real division list."""
    from fieldapp.store.setup import new_county_database

    s = new_county_database(tmp_path / "county.sqlite", "140824")
    yield s
    s.close()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    build_demo(path, "140824", households=3000, seed=7)
    return path


@pytest.fixture
def demo_path(demo_template, tmp_path) -> Path:
    """A private copy of the small demo county (3,000 households) that a test may change."""
    dest = tmp_path / "demo.sqlite"
    shutil.copy(demo_template, dest)
    return dest


@pytest.fixture
def demo_store(demo_path):
    s = Store.open(demo_path)
    yield s
    s.close()


@pytest.fixture(autouse=True)
def _isolated_qt_settings(monkeypatch, tmp_path):
    """Keep QSettings (recent files, language) of tests out of the user's real settings."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))

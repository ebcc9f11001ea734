"""Fixtures for the map layer: a small demo county database (real divisions, synthetic
households with village polygons) built once per session and copied for each test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from fieldapp.jobs.demo_build import build_demo
from fieldapp.store import Store

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("geo-demo") / "demo.sqlite"
    build_demo(path, "140824", households=600, seed=7)
    Store.open(path).close()  # bring it to the current schema once
    return path


@pytest.fixture
def store(demo_template, tmp_path):
    path = tmp_path / "db.sqlite"
    shutil.copy(demo_template, path)
    s = Store.open(path)
    yield s
    s.close()


@pytest.fixture
def geo_data() -> Path:
    return DATA


@pytest.fixture
def snapshot():
    """snapshot(store): everything a failed or cancelled import must leave untouched."""
    return _snapshot


def _snapshot(store) -> dict[str, list]:
    conn = store.conn
    return {
        "areas": conn.execute("SELECT code, boundary, counter FROM areas ORDER BY code").fetchall(),
        "households": conn.execute(
            "SELECT uuid, lon, lat, counter FROM households ORDER BY uuid").fetchall(),
        "changes": conn.execute("SELECT count(*) FROM changes").fetchall(),
        "audit": conn.execute("SELECT count(*) FROM audit_log").fetchall(),
    }

"""Boundary files from anywhere (issue 14 item 4): GeoJSON nested thousands deep is refused by the
real CLI with a message instead of RecursionError; the vertex cap names the count and limit."""

from __future__ import annotations

import subprocess
import sys

import pytest

from fieldapp.geo import boundary_import
from fieldapp.geo.errors import BadGeoFile
from fieldapp.store import Store


def test_deeply_nested_geojson_is_refused_by_the_cli(demo_path, tmp_path):
    deep = tmp_path / "deep.geojson"
    deep.write_text('{"type":"FeatureCollection","features":' + "[" * 50_000 + "]" * 50_000 + "}")
    done = subprocess.run([sys.executable, "-m", "fieldapp", "map", "import", str(demo_path),
                           str(deep)], capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode != 0 and "Traceback" not in done.stderr, done.stderr
    assert "deep.geojson" in done.stderr and "嵌套超过 64 层" in done.stderr


def test_too_many_vertices_are_refused_with_the_count(demo_path, tmp_path, monkeypatch):
    with Store.open(demo_path) as s:
        code = s.conn.execute("SELECT code FROM areas WHERE level = 'village' LIMIT 1").fetchone()[0]
    ring = ",".join(f"[{111 + i / 1000},{35.6 + (i % 2) / 1000}]" for i in range(40))
    shape = tmp_path / "many.geojson"
    shape.write_text('{"type":"Feature","properties":{"code":"' + code + '"},"geometry":'
                     '{"type":"Polygon","coordinates":[[' + ring + ',[111.0,35.6]]]}}')
    monkeypatch.setattr(boundary_import, "MAX_VERTICES", 20)
    with Store.open(demo_path) as s, pytest.raises(BadGeoFile) as e:
        boundary_import.plan_boundary_import(s, shape, level="village")
    assert "41 个顶点" in str(e.value) and "上限 20" in str(e.value)

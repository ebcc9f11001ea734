import json
import shutil
import sqlite3
import subprocess

import pyogrio
import pytest

from fieldapp.core.progress import Cancelled
from fieldapp.geo.errors import GeoError
from fieldapp.geo.export import export_map


def _ogrinfo_count(path, layer):
    out = subprocess.run(["ogrinfo", "-ro", "-so", str(path), layer], capture_output=True,
                         text=True, check=True)
    assert "ERROR" not in out.stderr and "Warning" not in out.stderr, out.stderr
    line = next(x for x in out.stdout.splitlines() if x.startswith("Feature Count:"))
    return int(line.split(":")[1])


def test_geopackage_has_both_layers_and_is_version_1_3(store, tmp_path):
    with store.write("t") as w:
        w.update("households", store.conn.execute("SELECT uuid FROM households LIMIT 1")
                 .fetchone()[0], {"lon": None, "lat": None})
    out = tmp_path / "map.gpkg"
    result = export_map(store, out)
    # the demo county's located service points and terminals come as a third layer
    assert result["counts"] == {"households": 599, "villages": 151,
                                "facilities": result["counts"]["facilities"]}
    assert result["counts"]["facilities"] > 0
    conn = sqlite3.connect(out)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == 0x47504B47  # "GPKG"
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 10300
    conn.close()
    layers = dict(pyogrio.list_layers(out))
    assert layers == {"households": "Point", "villages": "MultiPolygon", "facilities": "Point"}
    info = pyogrio.read_info(out, layer="villages")
    assert {"code", "name", "coverage", "covered", "unlocated"} <= set(info["fields"])
    hh = pyogrio.read_info(out, layer="households")
    assert {"status", "status_reason", "village_code"} <= set(hh["fields"])
    assert not {"head_name", "phone", "id_masked"} & set(hh["fields"])
    _meta, _f, _g, fields = pyogrio.raw.read(out, layer="villages", columns=["unlocated"])
    assert max(fields[0].tolist()) == 1
    assert not list(tmp_path.glob(".*part*"))


@pytest.mark.skipif(shutil.which("ogrinfo") is None, reason="gdal-bin not installed")
def test_system_ogrinfo_reads_the_geopackage(store, tmp_path):
    out = tmp_path / "map.gpkg"
    export_map(store, out)
    assert _ogrinfo_count(out, "households") == 600
    assert _ogrinfo_count(out, "villages") == 151


def test_geojson_writes_households_and_villages_files(store, tmp_path):
    out = tmp_path / "map.geojson"
    result = export_map(store, out)
    assert result["files"] == [str(out), str(tmp_path / "map.villages.geojson"),
                               str(tmp_path / "map.facilities.geojson")]
    hh = json.loads(out.read_text(encoding="utf-8"))
    vv = json.loads((tmp_path / "map.villages.geojson").read_text(encoding="utf-8"))
    assert len(hh["features"]) == 600 and len(vv["features"]) == 151
    ff = json.loads((tmp_path / "map.facilities.geojson").read_text(encoding="utf-8"))
    assert len(ff["features"]) == result["counts"]["facilities"] > 0
    village = vv["features"][0]["properties"]
    assert 0 <= village["coverage"] <= 1 and village["name"].endswith(("会", "区"))
    only = export_map(store, tmp_path / "v.geojson", layer="villages")
    assert only["files"] == [str(tmp_path / "v.geojson")]


def test_bad_target_and_cancel_leave_no_file(store, tmp_path):
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    with pytest.raises(GeoError, match=".gpkg"):
        export_map(store, tmp_path / "map.shp")
    with pytest.raises(GeoError, match="目录不存在"):
        export_map(store, tmp_path / "no" / "map.gpkg")
    with pytest.raises(Cancelled):
        export_map(store, tmp_path / "map.gpkg", progress=lambda d, t: d < 3)
    assert list(tmp_path.iterdir()) == []

import json
import shutil
import subprocess
import sys

import pyogrio


def run(*args):
    return subprocess.run([sys.executable, "-m", "fieldapp", *map(str, args)],
                          capture_output=True, text=True, timeout=300, check=False)


def test_import_check_and_export_from_the_command_line(store, geo_data, tmp_path):
    db = str(store.path)
    store.close()
    r = run("map", "import", db, geo_data / "boundary_140824.geojson", "--json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["updated"] == 1 and out["crs_source"] == "file"
    r = run("map", "import", db, geo_data / "boundary_140824.geojson", "--dry-run")
    assert r.returncode == 0 and "试运行" in r.stdout
    r = run("map", "check", db, "--json", "--threshold", "0.5")
    report = json.loads(r.stdout)
    assert report["threshold_m"] == 0.5 and report["located"] == 600
    r = run("map", "export", db, "-o", tmp_path / "m.gpkg")
    assert r.returncode == 0 and "户 600 个" in r.stdout
    assert dict(pyogrio.list_layers(tmp_path / "m.gpkg")) == {
        "households": "Point", "villages": "MultiPolygon", "facilities": "Point"}


def test_command_line_errors_are_one_line(store, geo_data, tmp_path):
    db = str(store.path)
    store.close()
    r = run("map", "import", db, geo_data / "boundary_330411.geojson")
    err = r.stderr
    assert r.returncode == 1
    assert err.startswith("fieldapp: ") and "没有一条能匹配" in err and len(err.splitlines()) == 1
    bad = tmp_path / "x.geojson"
    bad.write_text("{")
    r = run("map", "import", db, bad)
    assert r.returncode == 1 and "JSON" in r.stderr
    r = run("map", "import", db, geo_data / "boundary_140824.geojson", "--crs", "EPSG:0")
    assert r.returncode == 1 and "坐标系" in r.stderr
    r = run("map", "export", db, "-o", tmp_path / "m.kml")
    assert r.returncode == 1 and ".gpkg" in r.stderr
    copy = tmp_path / "notdb.sqlite"
    shutil.copy(geo_data / "boundary_140824.geojson", copy)
    r = run("map", "check", copy)
    assert r.returncode == 1 and r.stderr.startswith("fieldapp: ")
    assert "Traceback" not in r.stderr

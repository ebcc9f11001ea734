import math

import pytest

from fieldapp.geo import basemap as bm
from fieldapp.store.errors import StoreError
from fieldapp.store.geo.mbtiles_basemap import MBTiles, write_mbtiles


def test_mercator_round_trip_and_known_values():
    x, y = bm.lonlat_to_mercator(180.0, 0.0)
    assert x == pytest.approx(bm.HALF) and y == pytest.approx(0.0, abs=1e-6)
    lon, lat = bm.mercator_to_lonlat(*bm.lonlat_to_mercator(111.0, 35.6))
    assert lon == pytest.approx(111.0) and lat == pytest.approx(35.6)


@pytest.mark.parametrize("mpp, z", [(156543.03, 3), (1.19, 17), (2.0, 16), (0.01, 18), (1e9, 3), (611.5, 8)])
def test_zoom_follows_the_view_resolution_within_the_files_range(mpp, z):
    assert bm.zoom_for(mpp, 3, 18) == z


def test_tiles_covering_a_point_and_their_bounds():
    # Jishan county seat at zoom 12: XYZ tile (12, 3310, 1622)
    x, y = bm.lonlat_to_mercator(110.98, 35.60)
    tiles = bm.tiles_covering(x - 1, y - 1, x + 1, y + 1, 12)
    n = 2 ** 12
    xt = int((110.98 + 180) / 360 * n)
    yt = int((1 - math.asinh(math.tan(math.radians(35.60))) / math.pi) / 2 * n)
    assert tiles == [(12, xt, yt)]
    xmin, ymin, xmax, ymax = bm.tile_bounds(*tiles[0])
    assert xmin <= x <= xmax and ymin <= y <= ymax
    assert bm.tms_row(12, yt) == n - 1 - yt and bm.tms_row(12, bm.tms_row(12, yt)) == yt


def test_tiles_covering_whole_world_is_clamped():
    assert len(bm.tiles_covering(-1e9, -1e9, 1e9, 1e9, 1)) == 4


@pytest.mark.parametrize("xyz_rows", [False, True])
def test_mbtiles_rows_are_flipped_only_for_tms(tmp_path, xyz_rows):
    path = tmp_path / "b.mbtiles"
    write_mbtiles(path, {"name": "测试底图", "format": "png", "minzoom": "2", "maxzoom": "3",
                         "bounds": "110,35,112,36"},
                  {(2, 1, 0): b"north", (2, 1, 3): b"south", (3, 6, 3): b"z3"}, xyz_rows=xyz_rows)
    mb = MBTiles(path)
    assert mb.xyz_rows is xyz_rows
    assert mb.tile(2, 1, 0) == b"north" and mb.tile(2, 1, 3) == b"south"
    assert mb.tile(2, 0, 0) is None
    assert (mb.minzoom, mb.maxzoom, mb.name) == (2, 3, "测试底图")
    assert mb.bounds() == (110.0, 35.0, 112.0, 36.0)
    # the stored row really is TMS unless the file says xyz
    stored = mb.conn.execute("SELECT tile_row FROM tiles WHERE tile_data = ?", (b"north",)).fetchone()
    assert stored[0] == (0 if xyz_rows else 3)
    mb.close()


def test_bad_mbtiles_files(tmp_path):
    with pytest.raises(StoreError, match="不存在"):
        MBTiles(tmp_path / "none.mbtiles")
    (tmp_path / "text.mbtiles").write_text("hello")
    with pytest.raises(StoreError, match="无法读取|不是"):
        MBTiles(tmp_path / "text.mbtiles")
    write_mbtiles(tmp_path / "empty.mbtiles", {"name": "x"}, {})
    with pytest.raises(StoreError, match="没有任何瓦片"):
        MBTiles(tmp_path / "empty.mbtiles")


@pytest.mark.parametrize("limit, length", [(0.9, 0.5), (1, 1), (740, 500), (2100, 2000), (3000, 2000)])
def test_scale_bar_lengths(limit, length):
    assert bm.nice_length(limit) == pytest.approx(length)

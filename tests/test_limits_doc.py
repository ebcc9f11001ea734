"""docs/limits.md states the limits the code enforces: each constant's value appears in the row
that names it (a changed limit without its documentation fails here)."""

from pathlib import Path

from fieldapp.core import attached_files, jsonguard, zipguard
from fieldapp.geo import boundary_import, readers
from fieldapp.store.geo import mbtiles_basemap
from fieldapp.survey import choice_files, geotrace, loader, loader_survey, sheets
from fieldapp.sync import archive, container, reader
from fieldapp.tabular import read
from fieldapp.ui.visit import gps_port

DOC = (Path(__file__).resolve().parent.parent / "docs" / "limits.md").read_text(encoding="utf-8")


def _size(n: int) -> str:
    for unit, scale in (("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10)):
        if n >= scale and n % scale == 0:
            return f"{n // scale} {unit}"
    return f"{n:,}"


def _row(name: str) -> str:
    lines = [line for line in DOC.splitlines() if f"`{name}`" in line]
    assert lines, f"docs/limits.md does not name {name}"
    return " ".join(lines)


def test_every_named_constant_is_documented_with_its_value():
    named = {
        "MAX_CSV_BYTES": _size(read.MAX_CSV_BYTES),
        "MAX_BUNDLE_FILE": _size(reader.MAX_BUNDLE_FILE),
        "MAX_PAYLOAD": _size(container.MAX_PAYLOAD),
        "MAX_HEADER": _size(container.MAX_HEADER),
        "MAX_HEADER_DEPTH": str(container.MAX_HEADER_DEPTH),
        "MAX_GEOJSON_BYTES": _size(readers.MAX_GEOJSON_BYTES),
        "MAX_GEO_FILE_BYTES": _size(readers.MAX_GEO_FILE_BYTES),
        "MAX_VERTICES": f"{boundary_import.MAX_VERTICES:,}",
        "MAX_FILE": _size(mbtiles_basemap.MAX_FILE),
        "LOAD_SECONDS": f"{loader.LOAD_SECONDS:g} s",
        "MAX_DEPTH": str(loader_survey.MAX_DEPTH),
        "MAX_BYTES": _size(choice_files.MAX_BYTES),
        "MAX_ITEMS": f"{choice_files.MAX_ITEMS:,}",
        "MAX_EMPTY_RUN": str(sheets.MAX_EMPTY_RUN),
        "MAX_TRACE_VERTICES": f"{geotrace.MAX_TRACE_VERTICES:,}",
        "MAX_ATTACHMENT_BYTES": _size(attached_files.MAX_ATTACHMENT_BYTES),
        "TIMEOUT_S": f"{gps_port.TIMEOUT_S:g} s",
        "MAX_LINE": str(gps_port.MAX_LINE),
    }
    for name, value in named.items():
        assert value in _row(name), (name, value)


def test_zip_and_table_limits_are_documented():
    xlsx = zipguard.XLSX
    for value in (_size(xlsx.file_bytes), f"{xlsx.members:,}", _size(xlsx.member_bytes),
                  _size(xlsx.total_bytes), f"{xlsx.ratio} : 1",
                  f"{zipguard.MAX_ROWS:,} rows × {zipguard.MAX_COLS} columns",
                  f"{zipguard.MAX_CELL:,}"):
        assert value in DOC, value
    assert f"{archive.LIMITS.members:,}" in _row("LIMITS")
    assert _size(archive.LIMITS.total_bytes) in DOC
    for member, limit in archive.MEMBER_LIMITS.items():
        assert _size(limit) in DOC, member
    assert f"nesting depth {jsonguard.MAX_DEPTH}" in DOC or f"| {jsonguard.MAX_DEPTH} |" in DOC
    assert f"{mbtiles_basemap.TILE_MS} ms" in DOC
    assert f"{mbtiles_basemap.OPEN_MS // 1000} s" in DOC

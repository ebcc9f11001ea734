"""Choice lists shipped beside a form for select_one_from_file / select_multiple_from_file:
a CSV file (header row: name, label or label::语言 (xx), any other columns for choice_filter), an
XML file as ODK reads it (<root><item><name>…</name><label>…</label></item>…</root>), or a GeoJSON
FeatureCollection as ODK reads it (each feature an item: its id, its properties as columns, the
`title` property as label, its geometry in ODK's "lat lon alt accuracy;…" text as `geometry`).

Sizes are bounded (MAX_BYTES, MAX_ITEMS) so a huge or hostile file is refused, never loaded. As
in pyxform, `parameters` may name other columns: `value=code label=村名`.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

from fieldapp.core import jsonguard
from fieldapp.core.errors import FieldappError
from fieldapp.core.messages import ErrorCode

from .model import Choice
from .sheets import split_column

MAX_BYTES = 5 * 1024 * 1024
MAX_ITEMS = 20_000
SUFFIXES = (".csv", ".xml", ".geojson")


class ChoiceFileError(FieldappError):
    """Why a choice file cannot be used, for the loader to report at the form's row."""

    code = "bad_choice_file"


def read_choice_file(path: Path, value_column: str = "name",
                     label_column: str = "label") -> tuple[Choice, ...]:
    """The choices of a CSV or XML list; ChoiceFileError when missing, too big or malformed."""
    rows = _rows(path)
    out: list[Choice] = []
    seen: dict[str, int] = {}
    for line, cells in rows:
        value = cells.get(value_column, "").strip()
        if not value:
            continue
        if value in seen:
            raise ChoiceFileError(ErrorCode.CHOICE_FILE_DUPLICATE, file=path.name, line=line,
                                  column=value_column, value=value, first=seen[value])
        seen[value] = line
        labels: dict[str, str] = {}
        extra: dict[str, str] = {}
        for header, text in cells.items():
            base, lang = split_column(header)
            if base == label_column.lower():
                labels[lang or "default"] = text.strip()
            elif header != value_column or value_column != "name":  # all but name and label
                extra[header] = text.strip()
        out.append(Choice(value, labels, extra))
        if len(out) > MAX_ITEMS:
            raise ChoiceFileError(ErrorCode.CHOICE_FILE_TOO_MANY, file=path.name, limit=MAX_ITEMS)
    if not out:
        raise ChoiceFileError(ErrorCode.CHOICE_FILE_EMPTY, file=path.name, column=value_column)
    return tuple(out)


def read_table(path: Path) -> tuple[dict[str, str], ...]:
    """The rows of a CSV (or XML) file that pulldata() reads, bounded as choice files are."""
    rows = tuple(cells for _, cells in _rows(path))
    if len(rows) > MAX_ITEMS:
        raise ChoiceFileError(ErrorCode.CHOICE_FILE_TOO_MANY, file=path.name, limit=MAX_ITEMS)
    return rows


def _rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ChoiceFileError(ErrorCode.CHOICE_FILE_TYPE, file=path.name)
    if not path.is_file():
        raise ChoiceFileError(ErrorCode.CHOICE_FILE_MISSING, file=path.name)
    if path.stat().st_size > MAX_BYTES:
        raise ChoiceFileError(ErrorCode.CHOICE_FILE_TOO_BIG, file=path.name,
                              megabytes=round(MAX_BYTES / (1024 * 1024), 1))
    data = path.read_bytes()
    if suffix == ".geojson":
        return _geojson_rows(data, path.name)
    return _xml_rows(data, path.name) if suffix == ".xml" else _csv_rows(data, path.name)


def _csv_rows(data: bytes, name: str) -> list[tuple[int, dict[str, str]]]:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ChoiceFileError(ErrorCode.CHOICE_FILE_ENCODING, file=name)
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [h.strip() for h in next(reader, [])]
    return [(line, {h: v for h, v in zip(header, row) if h})
            for line, row in enumerate(reader, start=2)]


def _xml_rows(data: bytes, name: str) -> list[tuple[int, dict[str, str]]]:
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:  # no entities: nothing can expand or leak
        raise ChoiceFileError(ErrorCode.CHOICE_FILE_ENTITIES, file=name)
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise ChoiceFileError(ErrorCode.CHOICE_FILE_XML, file=name, reason=str(exc)) from None
    return [(i, {child.tag: (child.text or "") for child in item})
            for i, item in enumerate(root.iter("item"), start=1)]


def _geojson_rows(data: bytes, name: str) -> list[tuple[int, dict[str, str]]]:
    """The features of a GeoJSON FeatureCollection as rows: id (the feature's, else its `id`
    property), every property, and the geometry as ODK text."""
    try:
        doc = jsonguard.loads(data, member=name)
        kind = doc.get("type") if isinstance(doc, dict) else type(doc).__name__
        features = doc.get("features") if kind == "FeatureCollection" else None
        if not isinstance(features, list):
            raise ChoiceFileError(ErrorCode.CHOICE_FILE_GEOJSON, file=name, reason=f"type={kind}")
        return [(i, _feature_cells(f)) for i, f in enumerate(features, start=1)]
    except (jsonguard.TooDeep, ValueError, TypeError, KeyError, AttributeError,
            UnicodeDecodeError) as exc:
        raise ChoiceFileError(ErrorCode.CHOICE_FILE_GEOJSON, file=name,
                              reason=str(exc)[:120]) from None


def _feature_cells(feature: dict) -> dict[str, str]:
    props = feature.get("properties") or {}
    cells = {str(k): v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)
             for k, v in props.items() if v is not None}
    if feature.get("id") is not None:
        cells["id"] = str(feature["id"])
    cells["geometry"] = odk_geometry(feature.get("geometry") or {})
    return cells


def odk_geometry(geometry: dict) -> str:
    """A GeoJSON Point, LineString or Polygon (its outer ring) as ODK's geopoint / geotrace /
    geoshape text: "lat lon 0 0" per vertex, joined by ';'; "" for other geometries."""
    kind, coords = geometry.get("type"), geometry.get("coordinates")
    points = {"Point": [coords], "LineString": coords,
              "Polygon": coords[0] if coords else []}.get(kind)
    if not points:
        return ""
    return ";".join(f"{float(p[1]):g} {float(p[0]):g} 0 0" for p in points)

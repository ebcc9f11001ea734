"""NMEA 0183 sentences from a USB/serial GPS receiver: position fixes from GGA and RMC ($GPGGA,
$GNGGA, $GPRMC, $GNRMC, any talker), checksums checked, everything else ignored.

A receiver does not report its accuracy in GGA/RMC; the accuracy stored with a geopoint is an
estimate: HDOP × UERE_M (a user equivalent range error of 5 m, a common figure for a consumer
receiver without differential corrections). RMC has no HDOP, so a fix from RMC alone has none.

`GpsWatch` turns what arrived during a wait into the outcome shown to the user: a fix, or why
there is none (no data at all, only bad checksums, data but no satellites).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import reduce

from fieldapp.core.errors import BadValue
from fieldapp.core.messages import ErrorCode, Said

UERE_M = 5.0  # metres of range error per unit of HDOP (estimate, see above)


@dataclass(frozen=True)
class Fix:
    lat: float
    lon: float
    alt: float | None = None  # metres above mean sea level (GGA only)
    hdop: float | None = None
    satellites: int | None = None
    quality: int | None = None  # GGA's fix quality: 1 GPS, 2 DGPS, 4 RTK fixed, 5 RTK float, …

    @property
    def accuracy(self) -> float | None:
        """Estimated horizontal accuracy in metres (HDOP × UERE_M), None without HDOP."""
        return None if self.hdop is None else round(self.hdop * UERE_M, 1)

    def geopoint(self) -> str:
        """ODK geopoint text "lat lon alt acc" (alt and acc 0 when unknown, as ODK writes)."""
        return " ".join(f"{v:.7f}".rstrip("0").rstrip(".") or "0" for v in (
            self.lat, self.lon, self.alt or 0.0, self.accuracy or 0.0))


class NoFix:
    """A well-formed position sentence saying the receiver has no position yet."""


NO_FIX = NoFix()


def _checked_body(line: str) -> str:
    """The text between "$" and "*" once the checksum matches."""
    line = line.strip()
    if not line.startswith("$") or "*" not in line:
        raise BadValue(ErrorCode.NMEA_MALFORMED, sentence=line[:82])
    body, _star, given = line[1:].rpartition("*")
    computed = reduce(lambda acc, ch: acc ^ ord(ch), body, 0)
    try:
        ok = int(given[:2], 16) == computed and len(given.strip()) == 2
    except ValueError:
        ok = False
    if not ok:
        raise BadValue(ErrorCode.NMEA_CHECKSUM, sentence=line[:82])
    return body


def _degrees(value: str, hemisphere: str, width: int) -> float:
    """ddmm.mmmm (latitude, width 2) or dddmm.mmmm (longitude, width 3) to signed degrees."""
    deg = int(value[:width]) + float(value[width:]) / 60.0
    return -deg if hemisphere in ("S", "W") else deg


def _optional(text: str, kind=float):
    return kind(text) if text.strip() else None


def parse_sentence(line: str) -> Fix | NoFix | None:
    """A position (Fix), NO_FIX, or None for a sentence that carries no position (GSV, GSA,
    VTG, …). BadValue for a bad checksum or a position sentence that cannot be read."""
    body = _checked_body(line)
    fields = body.split(",")
    kind = fields[0][2:] if len(fields[0]) == 5 else fields[0][-3:]
    try:
        if kind == "GGA" and len(fields) >= 10:
            if fields[6] in ("", "0") or not fields[2] or not fields[4]:
                return NO_FIX
            return Fix(_degrees(fields[2], fields[3], 2), _degrees(fields[4], fields[5], 3),
                       _optional(fields[9]), _optional(fields[8]), _optional(fields[7], int),
                       int(fields[6]))
        if kind == "RMC" and len(fields) >= 7:
            if fields[2] != "A" or not fields[3] or not fields[5]:
                return NO_FIX
            return Fix(_degrees(fields[3], fields[4], 2), _degrees(fields[5], fields[6], 3))
    except ValueError:
        raise BadValue(ErrorCode.NMEA_MALFORMED, sentence=line.strip()[:82]) from None
    if kind in ("GGA", "RMC"):
        raise BadValue(ErrorCode.NMEA_MALFORMED, sentence=line.strip()[:82])
    return None


class GpsWatch:
    """Sentences seen while waiting for a position; `outcome()` says why there is none."""

    def __init__(self) -> None:
        self.sentences = 0
        self.bad = 0
        self.no_fix = 0
        self.fix: Fix | None = None
        self.last_problem: Said | None = None

    def feed(self, line: str) -> Fix | None:
        """Take one line; the fix it brings (a GGA fix is kept over a later RMC one: it has
        altitude and HDOP)."""
        if not line.strip():
            return None
        self.sentences += 1
        try:
            got = parse_sentence(line)
        except BadValue as exc:
            self.bad += 1
            self.last_problem = Said(exc.entry, **exc.params)
            return None
        if isinstance(got, NoFix):
            self.no_fix += 1
            return None
        if isinstance(got, Fix):
            if got.hdop is None and self.fix is not None and self.fix.hdop is not None:
                return None
            self.fix = got
            return got
        return None

    def outcome(self, port: str, seconds: float) -> Said | None:
        """Why no position came within `seconds` (None once there is one)."""
        if self.fix is not None:
            return None
        secs = f"{seconds:g}"
        if self.sentences == 0:
            return Said(ErrorCode.GPS_NO_DATA, port=port, seconds=secs)
        if self.bad == self.sentences:
            return Said(ErrorCode.GPS_ONLY_BAD, seconds=secs, count=self.bad)
        return Said(ErrorCode.GPS_NO_FIX, seconds=secs)

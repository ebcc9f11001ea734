"""NMEA sentences of a USB/serial GPS: GGA and RMC from any talker give a position, a bad
checksum or garbled sentence is named, and a wait without a fix says why."""

from __future__ import annotations

from functools import reduce

import pytest

from fieldapp.core.errors import BadValue
from fieldapp.core.nmea import NO_FIX, UERE_M, Fix, GpsWatch, parse_sentence


def nmea(body: str) -> str:
    return "$%s*%02X" % (body, reduce(lambda acc, ch: acc ^ ord(ch), body, 0))


GGA = nmea("GPGGA,081530.00,3536.0000,N,11058.8000,E,1,08,1.2,545.4,M,-21.0,M,,")


def test_gga_gives_position_altitude_and_an_hdop_based_accuracy():
    fix = parse_sentence(GGA)
    assert fix == Fix(35.6, 110.98, 545.4, 1.2, 8, quality=1)
    assert fix.accuracy == pytest.approx(1.2 * UERE_M)
    assert fix.geopoint() == "35.6 110.98 545.4 6"


def test_gnss_talkers_and_rmc_are_read_southern_and_western_signs_kept():
    fix = parse_sentence(nmea("GNGGA,081530,3536.0000,S,11058.8000,W,2,12,0.8,10.0,M,,M,,"))
    assert (fix.lat, fix.lon, fix.satellites, fix.quality) == (-35.6, -110.98, 12, 2)
    rmc = parse_sentence(nmea("GPRMC,081530,A,3536.0000,N,11058.8000,E,0.1,,061226,,,A"))
    assert (rmc.lat, rmc.lon, rmc.alt, rmc.accuracy) == (35.6, 110.98, None, None)
    assert rmc.geopoint() == "35.6 110.98 0 0"  # ODK writes 0 for what is not known


def test_no_fix_and_sentences_without_a_position():
    assert parse_sentence(nmea("GPGGA,081530,,,,,0,00,99.9,,M,,M,,")) is NO_FIX
    assert parse_sentence(nmea("GPRMC,081530,V,,,,,,,061226,,,N")) is NO_FIX
    assert parse_sentence(nmea("GPGSV,3,1,11,03,03,111,00,04,15,270,00")) is None


@pytest.mark.parametrize(("line", "zh", "en"), [
    (GGA[:-2] + "00", "GPS 语句校验和错误: $GPGGA", "bad checksum"),
    ("GPGGA,081530,3536.0000,N", "无法解读的 GPS 语句", "Unreadable GPS sentence"),
    (nmea("GPGGA,081530,35x6.0000,N,11058.8000,E,1,08,1.2,545.4,M,,M,,"), "无法解读", "Unreadable"),
])
def test_bad_sentences_are_named(line, zh, en):
    with pytest.raises(BadValue) as err:
        parse_sentence(line)
    assert zh in err.value.message and en in err.value.text("en")


def test_the_watch_says_why_there_is_no_position():
    assert "没有收到 GPS 数据" in GpsWatch().outcome("COM3", 30).text()
    bad = GpsWatch()
    bad.feed(GGA[:-2] + "00")
    assert "校验和错误" in bad.outcome("COM3", 30).text()
    assert "bad checksum" in bad.outcome("COM3", 30).text("en")
    waiting = GpsWatch()
    waiting.feed(nmea("GPGGA,081530,,,,,0,00,99.9,,M,,M,,"))
    assert "没有定位" in waiting.outcome("COM3", 30).text()
    found = GpsWatch()
    assert found.feed(GGA) == parse_sentence(GGA)
    # a later RMC (no altitude, no HDOP) does not replace the better GGA fix
    assert found.feed(nmea("GPRMC,081531,A,3536.0010,N,11058.8000,E,0.1,,061226,,,A")) is None
    assert found.fix.alt == 545.4 and found.outcome("COM3", 30) is None

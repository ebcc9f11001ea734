"""A geopoint from a USB/serial GPS receiver: the test is the receiver, writing NMEA into a
pseudo-terminal that the GPS window opens as its serial port."""

from __future__ import annotations

import os
import tty
from functools import reduce

import pytest
from form_helpers import button, open_form, when_shown
from inline_xlsform import write_xlsform
from PySide6.QtCore import Qt

from fieldapp.store import visits as V
from fieldapp.survey.loader import load_form
from fieldapp.ui.visit.gps_dialog import GpsDialog

pytestmark = [pytest.mark.ui,
              pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")]


def nmea(body: str) -> bytes:
    return ("$%s*%02X\r\n" % (body, reduce(lambda a, c: a ^ ord(c), body, 0))).encode()


NO_FIX = nmea("GPGGA,081529.00,,,,,0,00,99.9,,M,,M,,")
FIX = nmea("GNGGA,081530.00,3536.1234,N,11058.5678,E,1,09,0.8,612.3,M,-21.0,M,,")
SATELLITES = nmea("GPGSV,3,1,11,03,03,111,00,04,15,270,00,06,01,010,00,13,06,292,00")


@pytest.fixture
def receiver():
    """(port path, write(bytes)): a pseudo-terminal whose other end is the test."""
    master, slave = os.openpty()
    tty.setraw(slave)
    yield os.ttyname(slave), lambda data: os.write(master, data)
    os.close(master)
    os.close(slave)


def gps_window(qtbot, port: str, timeout_s: float) -> GpsDialog:
    """The GPS window on its own, started on `port`."""
    d = GpsDialog(timeout_s=timeout_s)
    qtbot.addWidget(d)
    d.show()
    start(qtbot, d, port)
    return d


def start(qtbot, dialog: GpsDialog, port: str) -> None:
    dialog.port_box.setEditText(port)
    qtbot.mouseClick(dialog.start_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.reader is not None and dialog.reader.opened.is_set())


def test_a_gps_fix_answers_the_geopoint_with_altitude_and_accuracy(qtbot, demo_store,
                                                                   household, tmp_path,
                                                                   receiver):
    port, write = receiver
    form = load_form(write_xlsform(tmp_path / "gps_test.xlsx", [
        ["type", "name", "label"], ["geopoint", "dish", "天线位置"]]))
    w = open_form(qtbot, demo_store, household, form)
    waiting: list = []

    def receive(d: GpsDialog) -> None:
        start(qtbot, d, port)
        write(SATELLITES + NO_FIX)
        qtbot.waitUntil(lambda: "2 sentences read" in d.status.text(), timeout=5000)
        waiting.append(d.use_button.isEnabled())
        write(FIX)
        qtbot.waitUntil(d.use_button.isEnabled, timeout=5000)
        assert "35.602057, 110.976130" in d.position.text()
        assert "about ±4 m" in d.position.text() and "9 satellites" in d.position.text()
        qtbot.mouseClick(d.use_button, Qt.LeftButton)

    seen = when_shown(GpsDialog, receive)
    qtbot.mouseClick(button(w.editors["dish"], "GPS receiver…"), Qt.LeftButton)
    assert seen and waiting == [False]  # no position yet: nothing to use
    assert w.flush()
    # ODK's "lat lon altitude accuracy"; accuracy HDOP 0.8 × 5 m
    assert V.get_visit(demo_store, w.visit_uuid)["answers"]["dish"] == \
        "35.6020567 110.97613 612.3 4"
    again = GpsDialog()  # the port that gave a position is offered next time
    qtbot.addWidget(again)
    assert again.port() == port


def test_bad_checksums_are_said_and_the_wait_ends_with_the_reason(qtbot, receiver):
    port, write = receiver
    d = gps_window(qtbot, port, 1.5)
    write(FIX[:-4] + b"00\r\n")  # checksum spoilt
    qtbot.waitUntil(lambda: "GPS 语句校验和错误" in d.status.text(), timeout=5000)
    qtbot.waitUntil(lambda: d.reader is None, timeout=5000)  # timed out: stopped
    assert "秒内收到的 GPS 数据都无法使用（1 条校验和错误）" in d.status.text()
    assert not d.use_button.isEnabled() and d.answer() is None


def test_a_silent_port_and_a_missing_port_are_named(qtbot, receiver):
    port, _write = receiver
    d = gps_window(qtbot, port, 1)
    qtbot.waitUntil(lambda: d.reader is None, timeout=5000)
    assert f"1 秒内端口 {port} 没有收到 GPS 数据" in d.status.text()
    d.port_box.setEditText("/dev/no-such-gps")
    qtbot.mouseClick(d.start_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: d.reader is None, timeout=5000)
    assert "无法打开端口 /dev/no-such-gps" in d.status.text()


def clocked_window(qtbot, port: str) -> tuple[GpsDialog, list[float]]:
    """The GPS window started on `port`, its clock the test's (`now[0]`, seconds)."""
    now = [1000.0]
    d = GpsDialog(timeout_s=30, clock=lambda: now[0])
    qtbot.addWidget(d)
    d.show()
    start(qtbot, d, port)
    return d, now


def test_fix_quality_and_age_are_shown_and_a_stale_fix_is_not_used(qtbot, receiver):
    """The window's clock is the test's: no waiting for seconds to pass."""
    port, write = receiver
    d, now = clocked_window(qtbot, port)
    write(FIX)
    qtbot.waitUntil(d.use_button.isEnabled, timeout=5000)
    assert "9 satellites" in d.position.text() and "GPS fix" in d.position.text()
    assert d.age.text() == "Last fix 0 s ago"

    now[0] += 4.0  # still fresh
    qtbot.waitUntil(lambda: d.age.text() == "Last fix 4 s ago", timeout=5000)
    assert d.use_button.isEnabled()

    now[0] += 2.5  # 6.5 s without a new fix: the receiver lost the sky
    qtbot.waitUntil(lambda: not d.use_button.isEnabled(), timeout=5000)
    assert "No new fix for 6 s" in d.age.text() or "No new fix for 7 s" in d.age.text()
    d.accept()  # nor is it taken by any other way of accepting the window
    assert d.isVisible() and d.result() != GpsDialog.Accepted

    write(nmea("GNGGA,081540.00,3536.2000,N,11058.6000,E,2,11,0.6,610.0,M,-21.0,M,,"))
    qtbot.waitUntil(d.use_button.isEnabled, timeout=5000)
    assert "differential GPS fix" in d.position.text() and "11 satellites" in d.position.text()
    assert d.age.text() == "Last fix 0 s ago"
    qtbot.mouseClick(d.use_button, Qt.LeftButton)
    assert d.result() == GpsDialog.Accepted and d.answer().startswith("35.6033333 110.9766667")


def test_a_fix_within_capture_accuracy_is_taken_without_a_click(qtbot, demo_store, household,
                                                               tmp_path, receiver):
    # ODK's capture-accuracy: HDOP 0.8 gives about ±4 m, within the form's 5 m
    port, write = receiver
    form = load_form(write_xlsform(tmp_path / "gps_capture.xlsx", [
        ["type", "name", "label", "parameters"],
        ["geopoint", "dish", "天线位置", "capture-accuracy=5"]]))
    w = open_form(qtbot, demo_store, household, form)
    dialogs: list = []

    def receive(d: GpsDialog) -> None:
        dialogs.append(d)
        assert "±5 m or better is taken at once" in d.thresholds.text()
        start(qtbot, d, port)
        write(FIX)

    when_shown(GpsDialog, receive)
    qtbot.mouseClick(button(w.editors["dish"], "GPS receiver…"), Qt.LeftButton)
    assert dialogs and dialogs[0].result() == GpsDialog.Accepted
    assert w.flush()
    assert V.get_visit(demo_store, w.visit_uuid)["answers"]["dish"] == \
        "35.6020567 110.97613 612.3 4"


def test_a_fix_less_accurate_than_warning_accuracy_is_shown_as_such_and_not_taken(qtbot,
                                                                                  receiver):
    port, write = receiver
    d = GpsDialog(capture_accuracy=1, warning_accuracy=3)
    qtbot.addWidget(d)
    d.show()
    start(qtbot, d, port)
    write(FIX)  # about ±4 m
    qtbot.waitUntil(d.use_button.isEnabled, timeout=5000)
    assert "about ±4 m is worse than the ±3 m this question asks for" in d.status.text()
    assert "c0392b" in d.status.styleSheet()
    assert d.isVisible() and d.result() != GpsDialog.Accepted  # 1 m not reached: a click uses it
    qtbot.mouseClick(d.use_button, Qt.LeftButton)
    assert d.answer() == "35.6020567 110.97613 612.3 4"


def test_without_thresholds_the_window_waits_for_a_click(qtbot, receiver):
    port, write = receiver
    d = gps_window(qtbot, port, 5)
    write(FIX)
    qtbot.waitUntil(d.use_button.isEnabled, timeout=5000)
    assert d.isVisible() and not d.thresholds.isVisible()
    assert "c0392b" not in d.status.styleSheet()


def test_enter_uses_a_usable_fix_and_never_restarts_the_reading(qtbot, receiver):
    """Enter after Start (the focus on Start) does not start the reading again; with a fix it
    uses it, like "Use this position"."""
    port, write = receiver
    d, now = clocked_window(qtbot, port)
    reader = d.reader
    d.start_button.setFocus()
    for key in (Qt.Key_Return, Qt.Key_Enter):
        qtbot.keyClick(d.start_button, key)  # no position yet: nothing happens
    assert d.reader is reader and d.isVisible() and d.result() != GpsDialog.Accepted

    write(FIX)
    qtbot.waitUntil(d.use_button.isEnabled, timeout=5000)
    now[0] += 6.0  # stale: Enter still does nothing
    qtbot.waitUntil(lambda: not d.use_button.isEnabled(), timeout=5000)
    qtbot.keyClick(d.port_box, Qt.Key_Return)
    assert d.reader is reader and d.isVisible() and d.result() != GpsDialog.Accepted

    write(FIX)
    qtbot.waitUntil(d.use_button.isEnabled, timeout=5000)
    qtbot.keyClick(d.start_button, Qt.Key_Return)
    assert d.result() == GpsDialog.Accepted and d.answer().startswith("35.6020567 110.97613 ")

"""A USB/serial GPS receiver read on a thread of its own (pyserial, no Qt): lines of NMEA go
through fieldapp.core.nmea.GpsWatch, and what happens is put on `events` for the window to take:

    ("fix", Fix)          a position (again each time the receiver reports a new one)
    ("status", GpsWatch)  sentences were read, no position yet
    ("failed", Said)      the port cannot be opened, or no position came within the timeout

The thread ends on `stop()`, on failure, or when the port goes away (cable pulled).
"""

from __future__ import annotations

import queue
import threading
import time

from fieldapp.core.messages import ErrorCode, Said
from fieldapp.core.nmea import GpsWatch

BAUD_RATES = (4800, 9600, 19200, 38400, 57600, 115200)
DEFAULT_BAUD = 9600  # most USB GPS mice; older receivers use 4800
TIMEOUT_S = 30.0  # a receiver with a clear sky sends a fix within seconds of a warm start
MAX_LINE = 256  # an NMEA sentence has at most 82 characters: longer is noise (wrong baud rate)


def available_ports() -> list[tuple[str, str]]:
    """(device, description) of the serial ports the system knows, USB GPS receivers first."""
    from serial.tools import list_ports

    ports = [(p.device, "" if p.description in (None, "n/a") else p.description)
             for p in list_ports.comports()]
    return sorted(ports, key=lambda p: ("gps" not in p[1].lower() and "usb" not in p[1].lower(),
                                        p[0]))


class GpsReader(threading.Thread):
    def __init__(self, port: str, baud: int = DEFAULT_BAUD, timeout_s: float = TIMEOUT_S):
        super().__init__(daemon=True, name=f"gps {port}")
        self.port, self.baud, self.timeout_s = port, baud, timeout_s
        self.events: queue.Queue = queue.Queue()
        self.watch = GpsWatch()
        self._stop_event = threading.Event()
        self.opened = threading.Event()  # the port is open (what came before is not read)

    def stop(self) -> None:
        self._stop_event.set()

    def run(self) -> None:
        import serial

        try:
            port = serial.Serial(self.port, self.baud, timeout=0.2)
        except (serial.SerialException, OSError, ValueError) as exc:
            self.events.put(("failed", Said(ErrorCode.GPS_PORT, port=self.port,
                                            reason=str(exc).strip() or type(exc).__name__)))
            return
        self.opened.set()
        try:
            self._read(port)
        except (serial.SerialException, OSError) as exc:
            self.events.put(("failed", Said(ErrorCode.GPS_PORT, port=self.port,
                                            reason=str(exc).strip() or type(exc).__name__)))
        finally:
            port.close()

    def _read(self, port) -> None:
        deadline = time.monotonic() + self.timeout_s
        pending = b""
        while not self._stop_event.is_set():
            if self.watch.fix is None and time.monotonic() > deadline:
                self.events.put(("failed", self.watch.outcome(self.port, self.timeout_s)))
                return
            pending += port.read(max(1, port.in_waiting))
            *lines, pending = pending.split(b"\n")
            if len(pending) > MAX_LINE:  # no line end in sight: noise, counted as a bad line
                lines, pending = [*lines, pending[:MAX_LINE]], b""
            for raw in lines:
                fix = self.watch.feed(raw.decode("ascii", "replace"))
                self.events.put(("fix", fix) if fix else ("status", self.watch))

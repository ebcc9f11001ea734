"""A map reader (MapData.load) held on its job's thread until the test lets it go: an event,
not a timing. Each call is held by its own gate and notes the thread it ran on and its result."""

from __future__ import annotations

import threading

from fieldapp.geo.mapdata import MapData


class HeldLoader:
    def __init__(self):
        self.started = threading.Event()  # a first call has begun
        self.threads: list[int] = []
        self.results: list[MapData] = []  # per call, once it returned
        self._gates: list[threading.Event] = []
        self._all = False
        self._lock = threading.Lock()

    def __call__(self, store, gcj_display: bool = False) -> MapData:
        gate = threading.Event()
        with self._lock:
            self.threads.append(threading.get_ident())
            self._gates.append(gate)
            if self._all:
                gate.set()
        self.started.set()
        assert gate.wait(30)
        data = MapData.load(store, gcj_display=gcj_display)
        self.results.append(data)
        return data

    def calls(self) -> int:
        with self._lock:
            return len(self._gates)

    def release(self, call: int | None = None) -> None:
        """Let one call go (by its number from 0), or every call, now and later."""
        with self._lock:
            if call is None:
                self._all = True
            for gate in self._gates if call is None else [self._gates[call]]:
                gate.set()

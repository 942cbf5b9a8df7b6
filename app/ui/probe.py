"""An event-loop latency probe: a timer on the GUI thread that notes how late each of its beats came.

A beat due every 20 ms that arrives 400 ms late means the GUI thread was busy (or starved of the
interpreter) for 400 ms: the window could not repaint or answer a click. The GUI tests read `longest()`;
`bench/gui_start.py` starts the real app with COBRANZA_PROBE naming a JSON file, and `install_from_env`
then times the way to a filled dashboard and quits the app by its own Quit action.
"""

from __future__ import annotations

import json
import os
import time

from PySide6.QtCore import QObject, Qt, QTimer


class LatencyProbe(QObject):
    def __init__(self, parent: QObject | None = None, interval_ms: int = 20):
        super().__init__(parent)
        self.interval = interval_ms / 1000.0
        self.beats: list[float] = []  # perf_counter of every beat
        self.cpu: list[float] = []  # the GUI thread's own CPU time at every beat (time.thread_time)
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._beat)

    def start(self) -> "LatencyProbe":
        self.beats = [time.perf_counter()]
        self.cpu = [time.thread_time()]
        self._timer.start()
        return self

    def stop(self) -> None:
        self._timer.stop()

    def _beat(self) -> None:
        self.beats.append(time.perf_counter())
        self.cpu.append(time.thread_time())

    def longest_busy(self) -> float:
        """The most CPU the GUI thread itself spent between two beats, in seconds: the part of a stall
        that is this process's own work on the GUI thread (a loaded machine or a thread holding the
        interpreter makes beats late without it)."""
        return max((b - a for a, b in zip(self.cpu, self.cpu[1:])), default=0.0)

    def stalls(self, since: float | None = None, until: float | None = None) -> list[tuple[float, float]]:
        """(when the stall ended, seconds the beat came late) for every beat in the window."""
        out = []
        for before, after in zip(self.beats, self.beats[1:]):
            if (since is not None and after < since) or (until is not None and after > until):
                continue
            out.append((after, max(0.0, after - before - self.interval)))
        return out

    def longest(self, since: float | None = None, until: float | None = None) -> float:
        """The longest stall in seconds (0 without beats)."""
        return max((late for _t, late in self.stalls(since, until)), default=0.0)


def install_from_env(window) -> None:
    """COBRANZA_PROBE=FILE: time this start (from COBRANZA_PROBE_T0, the launcher's time.time()) to the
    window shown and the dashboard filled, watch the event loop for COBRANZA_PROBE_SETTLE seconds more
    (default 3), write the figures to FILE and quit by the window's own Quit action (what Ctrl+Q does)."""
    out = os.environ.get("COBRANZA_PROBE")
    if not out:
        return
    t0 = float(os.environ.get("COBRANZA_PROBE_T0", time.time()))
    settle = float(os.environ.get("COBRANZA_PROBE_SETTLE", "3"))
    probe = LatencyProbe(window).start()
    started = time.perf_counter()
    # process CPU (every thread) alongside wall time: on a loaded machine the wall clock mostly measures
    # the other programs, the CPU what this start cost
    figures: dict = {"shown": time.time() - t0, "cpu_shown": time.process_time(), "loads": []}
    dashboard = window.views.get("dashboard")

    def finish(reason: str) -> None:
        if "quit_at" in figures:
            return
        now = time.perf_counter()
        loaded = figures.get("loaded_perf")
        figures.update(
            reason=reason,
            longest_stall_to_filled=probe.longest(until=loaded) if loaded else None,
            longest_stall_after_filled=probe.longest(since=loaded) if loaded else None,
            longest_stall=probe.longest(),
            longest_busy=probe.longest_busy(),
            watched=now - started,
            quit_at=time.time(),
        )
        figures.pop("loaded_perf", None)
        with open(out, "w", encoding="utf-8") as f:
            json.dump(figures, f)
        window.act_quit.trigger()

    def loaded() -> None:
        figures["loads"].append(time.time() - t0)
        if "filled" not in figures:
            figures["filled"] = time.time() - t0
            figures["cpu_filled"] = time.process_time()
            figures["loaded_perf"] = time.perf_counter()
            data = getattr(dashboard, "data", None)
            figures["forecast_model"] = getattr(data, "forecast_model", None)
            QTimer.singleShot(int(settle * 1000), lambda: finish("settled"))

    if dashboard is not None and hasattr(dashboard, "loaded"):
        dashboard.loaded.connect(loaded)
    QTimer.singleShot(int(float(os.environ.get("COBRANZA_PROBE_TIMEOUT", "180")) * 1000), lambda: finish("timeout"))

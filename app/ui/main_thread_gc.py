"""Python's cycle collector, run only on the GUI thread.

The collector runs on whichever thread trips its allocation threshold. With database work on worker
threads (tasks.py), that can be a worker: if a cycle it frees holds a widget or a model, the C++
object is destroyed off the GUI thread and the process dies with a segmentation fault, at random.
So automatic collection is switched off and a timer on the GUI thread collects instead, generation
by generation with the thresholds Python would have used (the pattern of pyqtgraph and calibre).
Reference counting, which frees almost everything, is untouched.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

from app.ledger.bulk import bulk_in_progress


class MainThreadCollector(QObject):
    def __init__(self, parent: QObject | None = None, interval_ms: int = 1000):
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.collect_due)
        self.was_enabled = gc.isenabled()

    def start(self) -> None:
        """Pin collection here. What exists by now (the libraries, mostly) is set aside for good, so that
        a full collection walks only what the session made: a tenth of a second fewer at every one."""
        gc.disable()
        gc.freeze()
        self._timer.start()

    def stop(self) -> None:
        """Collect what is left, here, and give collection back to Python."""
        self._timer.stop()
        gc.collect()
        if self.was_enabled:
            gc.enable()

    def collect_due(self) -> int:
        """Collect the oldest generation whose count passed Python's threshold (as Python would have);
        the number of unreachable objects found."""
        if bulk_in_progress():  # a worker is building objects none in a cycle (app.ledger.bulk): after it
            return 0
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self.thresholds[generation]:
                return gc.collect(generation)
        return 0


def pin_collection_to_gui_thread(parent: QObject) -> MainThreadCollector:
    collector = MainThreadCollector(parent)
    collector.start()
    return collector

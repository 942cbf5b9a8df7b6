"""Building a bulk of objects none of which is in a reference cycle (a book's rows, a reminder plan): the
cyclic garbage collector would only walk them, again and again as the heap grows, and find nothing.

`bulk_objects()` switches automatic collection off for the block (back as it was at the end) and says so to
`bulk_in_progress()`: the GUI, which collects on its own thread on a timer (app.ui.main_thread_gc), asks it
and waits, rather than walking a worker's half-built plan on the GUI thread (a 1M-invoice reminder plan set
off collections of 300,000 young objects there: stalls of 0.3-0.5 s). Reference counting, which frees
everything such a block makes, is untouched.
"""

from __future__ import annotations

import gc
import threading
from contextlib import contextmanager

_lock = threading.Lock()
_active = 0  # blocks running now, in any thread


@contextmanager
def bulk_objects():
    global _active
    was_enabled = gc.isenabled()
    gc.disable()
    with _lock:
        _active += 1
    try:
        yield
    finally:
        with _lock:
            _active -= 1
        if was_enabled:
            gc.enable()


def bulk_in_progress() -> bool:
    return _active > 0

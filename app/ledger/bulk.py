"""Building a bulk of objects none of which is in a reference cycle (a book's rows, a reminder plan, an
import's rows): the cyclic garbage collector would only walk them, again and again as the heap grows, and
find nothing. Reference counting, which frees everything such a block makes, is untouched.

`paused_collection()` switches automatic collection off for the block (back as it was at the end; nests).
Inside it, `sweep()` collects the young generations, for a writer that works in chunks (an import of
100,000 invoices: ~4,000 collections, two dozen of them full passes over every object alive, 1.2 s of a
10.5 s import), so the cycles a chunk may leave (SQLAlchemy's results, exceptions) are still freed; it does
nothing where the pause found collection already off: the GUI's (app.ui.main_thread_gc collects on the GUI
thread only, since a cycle freed on a worker may hold a widget), whose timer goes on collecting.

`bulk_objects()` is the same pause, said to `bulk_in_progress()`: the GUI asks it and waits, rather than
walking a worker's half-built plan on the GUI thread (a 1M-invoice reminder plan set off collections of
300,000 young objects there: stalls of 0.3-0.5 s).
"""

from __future__ import annotations

import gc
import threading
from contextlib import contextmanager

_lock = threading.Lock()
_active = 0  # bulk_objects blocks running now, in any thread
_here = threading.local()  # .sweeps: the outermost pause found automatic collection on (this thread may collect)


@contextmanager
def paused_collection():
    """Automatic collection off inside (also as a decorator), as it was after; nests."""
    was = gc.isenabled()
    outer = getattr(_here, "sweeps", None)
    _here.sweeps = was if outer is None else outer
    gc.disable()
    try:
        yield
    finally:
        _here.sweeps = outer
        if was:
            gc.enable()


def sweep() -> None:
    """Collect the generations the objects of the last chunk are in (not the oldest: cheap, whatever the heap);
    nothing where collection belongs to another thread (see the module text)."""
    if getattr(_here, "sweeps", False):
        gc.collect(1)


@contextmanager
def bulk_objects():
    global _active
    with paused_collection():
        with _lock:
            _active += 1
        try:
            yield
        finally:
            with _lock:
                _active -= 1


def bulk_in_progress() -> bool:
    return _active > 0

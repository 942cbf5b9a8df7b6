"""Python's cyclic garbage collector held off while an import works through its rows.

An import of 100,000 invoices makes millions of short-lived containers (each row's cells, checks, planned
fields, the ledger's rows and audit entries), nearly none of them in a reference cycle: the collector, run every
700 allocations, walked them ~4,000 times, two dozen of them full passes over every object alive (1.2 s of a
10.5 s import into the million-invoice book). While paused, `sweep()` after each chunk collects the young
generations only, so the cycles a chunk may leave (SQLAlchemy's results, exceptions) are still freed as the
file is read and memory stays flat. Where collection was already off, the GUI's (app.ui.main_thread_gc: it
collects on the GUI thread only, since a cycle freed on a worker may hold a widget), `sweep()` does nothing:
the import runs on a worker there, and the GUI thread's timer goes on collecting.
"""

from __future__ import annotations

import gc
import threading
from contextlib import contextmanager

_here = threading.local()  # .sweeps: the outermost pause found automatic collection on (this thread may collect)


@contextmanager
def paused():
    """The collector off inside (also as a decorator), as it was after; nests."""
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

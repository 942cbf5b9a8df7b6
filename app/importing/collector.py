"""Python's cyclic garbage collector held off while an import works through its rows.

An import of 100,000 invoices makes millions of short-lived containers (each row's cells, checks, planned
fields, the ledger's rows and audit entries), nearly none of them in a reference cycle: the collector, run every
700 allocations, walked them ~4,000 times, two dozen of them full passes over every object alive (1.2 s of a
10.5 s import into the million-invoice book). While paused, `sweep()` after each chunk collects the young
generations only, so the cycles a chunk may leave (SQLAlchemy's results, exceptions) are still freed as the
file is read and memory stays flat.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager


@contextmanager
def paused():
    """The collector off inside (also as a decorator), as it was after; nests."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def sweep() -> None:
    """Collect the generations the objects of the last chunk are in (not the oldest: cheap, whatever the heap)."""
    gc.collect(1)

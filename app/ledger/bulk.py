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

`release(container)` empties a large list or dict a slice at a time. Freeing 270,000 rows is one C call that
holds the interpreter for a tenth of a second; a GUI thread waiting for it misses its beats. Between slices
the interpreter may switch threads. Inside `deferred_release()` (the GUI's worker, app.ui.tasks, around a job
and the handing back of its answer) the containers are kept and released at the end of the block, or with
`after=` seconds by a thread of their own (the worker is free at once): freeing a reminder plan's rows (a
quarter of a second at 1M invoices) then comes after the user has the answer on screen, pausing a millisecond
between slices. The GUI thread showing that answer takes the interpreter back at every call into Python from
Qt (each cell a table measures); it waits up to the switch interval (5 ms) each time a busy thread holds it:
sizing the plan's columns took 0.15 s instead of 0.03 s while the rows were being freed.
"""

from __future__ import annotations

import gc
import queue
import threading
import time
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


def set_aside() -> None:
    """Everything alive now out of the cyclic collector's reach for good (gc.freeze), after a large library was
    loaded on demand: the 300 modules `holidays` loads with its first table are 100,000 objects the GUI's collector
    would walk on its thread (a tenth of a second after the first reminder preview) and at every full collection
    after. As at the GUI's start (app.ui.main_thread_gc): what is alive now and later becomes cyclic garbage stays
    in memory; reference counting still frees everything else."""
    gc.freeze()


RELEASE_SLICE = 2000  # objects freed in one go: a millisecond or two
DEFERRED_PAUSE = 0.001  # seconds between two slices of a deferred release
_deferred = threading.local()  # .kept: the containers release() keeps inside deferred_release(), on this thread


def release(container: list | dict) -> None:
    """Empty `container` (a list or a dict) RELEASE_SLICE entries at a time, now or, inside deferred_release(),
    at the end of that block (see the module text)."""
    global _active
    kept = getattr(_deferred, "kept", None)
    if kept is None:
        _release_now(container)
        return
    if not kept:  # kept objects are a bulk in progress too, until released: the GUI's collector would walk them
        with _lock:
            _active += 1
    kept.append(container)


@contextmanager
def deferred_release(after: float | None = None):
    """release() inside keeps its containers until the end of the block (the outermost, where they nest), or
    with `after`, until that many seconds later, on the releasing thread (released() waits for it)."""
    if getattr(_deferred, "kept", None) is not None:
        yield
        return
    _deferred.kept = []
    try:
        yield
    finally:
        kept, _deferred.kept = _deferred.kept, None
        if kept and after is not None:
            _releasing().put((time.monotonic() + after, kept))
        elif kept:
            _release_kept(kept)


def released(timeout: float | None = None) -> bool:
    """Whether every release handed to the releasing thread is done (waiting up to `timeout` seconds)."""
    return _all_released.wait(timeout)


_handed = queue.SimpleQueue()  # (when, containers) for the releasing thread
_handed_count = 0  # handed and not released yet
_all_released = threading.Event()
_all_released.set()
_releaser: threading.Thread | None = None


def _releasing() -> queue.SimpleQueue:
    global _releaser, _handed_count
    with _lock:
        _handed_count += 1
        _all_released.clear()
        if _releaser is None:
            _releaser = threading.Thread(target=_release_handed, name="release", daemon=True)
            _releaser.start()
    return _handed


def _release_handed() -> None:
    global _handed_count
    while True:
        when, kept = _handed.get()
        time.sleep(max(0.0, when - time.monotonic()))
        _release_kept(kept)
        del kept
        with _lock:
            _handed_count -= 1
            if not _handed_count:
                _all_released.set()


def _release_kept(kept: list) -> None:
    """The containers of a deferred block, a slice at a time with pauses; then the bulk they were is over."""
    global _active
    for container in kept:
        _release_now(container, pause=DEFERRED_PAUSE)
    with _lock:
        _active -= 1


def _release_now(container: list | dict, pause: float = 0.0) -> None:
    if isinstance(container, dict):
        keys = list(container)
        for start in range(0, len(keys), RELEASE_SLICE):
            for key in keys[start:start + RELEASE_SLICE]:
                del container[key]
            if pause:
                time.sleep(pause)
        return
    while container:
        del container[-RELEASE_SLICE:]
        if pause:
            time.sleep(pause)

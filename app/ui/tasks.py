"""Database work off the GUI thread (the pattern of Anki's CollectionOp and Picard's run_task).

    runner.read(ledger.customer_balance, code, as_of, on_done=show, on_error=complain)
    runner.write(ledger.record_invoice, customer_code=..., on_done=..., on_error=...)

The function is called on a worker as `fn(session, *args, **kwargs)` with a Session of its own that
is closed before the result travels back; results must be plain values (the ledger's frozen
dataclasses). Writes run inside `with session.begin()` on a pool of exactly one thread, so SQLite
sees one writer and writes happen in the order they were asked for. Callbacks run on the GUI
thread, through a queued signal of the runner (a QObject living on the GUI thread).
"""

from __future__ import annotations

import itertools
import logging
import threading
import traceback
from dataclasses import dataclass
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from sqlalchemy.orm import Session, sessionmaker

from app.ledger.bulk import deferred_release
from app.ledger.changes import NOTHING, ChangeTracker

log = logging.getLogger(__name__)

#: set on the writer's thread while it runs a write: its connection is never interrupted at quit
_writing = threading.local()


@dataclass
class _Pending:
    on_done: Callable[[Any], None] | None
    on_error: Callable[[BaseException], None] | None
    write: bool


RELEASE_AFTER = 0.5  # seconds: the GUI thread has shown a job's answer (a plan's first rows, 0.03 s) by then


class _Job(QRunnable):
    def __init__(self, runner: "TaskRunner", task_id: int, fn, args, kwargs, write: bool):
        super().__init__()
        self.setAutoDelete(True)
        self.runner, self.task_id, self.fn, self.args, self.kwargs, self.write = (
            runner, task_id, fn, args, kwargs, write)

    def run(self) -> None:  # on a worker thread: no widgets here
        # what the job frees in bulk (app.ledger.bulk.release: a reminder plan's rows) is freed once its answer
        # is on screen, not before: the worker is free at once, the rows freed by a thread of their own
        with deferred_release(after=RELEASE_AFTER):
            self._run()

    def _run(self) -> None:
        try:
            changes = NOTHING
            with (self.runner.write_sessions if self.write else self.runner.sessions)() as session:
                if self.write:
                    _writing.on = True
                    with ChangeTracker(session) as tracker:
                        with session.begin():
                            result = self.fn(session, *self.args, **self.kwargs)
                    changes = tracker.changes()
                else:
                    result = self.fn(session, *self.args, **self.kwargs)
                    session.rollback()
            self._hand_back(True, (result, changes))
        except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread, never swallowed
            exc.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
            self._hand_back(False, exc)
        finally:
            _writing.on = False

    def _hand_back(self, ok: bool, payload) -> None:
        """To the GUI thread. A runner deleted meanwhile (its window was closed while the job ran) has no one
        left to tell: what was written is committed, the answer is dropped, as `_answer` does for a closed
        window."""
        try:
            self.runner._finished.emit(self.task_id, ok, payload)
        except RuntimeError as exc:
            if "deleted" not in str(exc):
                raise
            log.debug("dropped the answer of task %s: its runner is gone", self.task_id)


class TaskRunner(QObject):
    """Runs domain functions with their own Session on worker threads."""

    _finished = Signal(int, bool, object)
    #: emitted after a write that changed something committed, with what it changed (`Changes`): each
    #: view reloads only when it shows one of the changed areas
    data_changed = Signal(object)
    #: emitted whenever the number of running tasks goes to zero
    idle = Signal()

    def __init__(self, sessions: sessionmaker[Session], parent: QObject | None = None, readers: int = 2,
                 write_sessions: sessionmaker[Session] | None = None):
        super().__init__(parent)
        self.sessions = sessions
        # writers' sessions take SQLite's write lock when they begin (app.database.session_factory)
        self.write_sessions = write_sessions or sessions
        self._ids = itertools.count(1)
        self._pending: dict[int, _Pending] = {}
        self._read_pool = QThreadPool(self)
        self._read_pool.setMaxThreadCount(readers)
        self._write_pool = QThreadPool(self)
        self._write_pool.setMaxThreadCount(1)
        self._finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._cancellers: dict[int, Callable[[], None]] = {}
        self._canceller_ids = itertools.count(1)

    # --- asking ------------------------------------------------------------------

    def read(self, fn, *args, on_done=None, on_error=None, **kwargs) -> int:
        return self._start(fn, args, kwargs, on_done, on_error, write=False)

    def write(self, fn, *args, on_done=None, on_error=None, **kwargs) -> int:
        """Run `fn` in one transaction on the single writer thread. After it commits, `data_changed`
        says what it changed (app.ledger.changes); a write that changed nothing says nothing, so a view
        that writes while refreshing (bringing derived tasks up to date) does not start another round."""
        return self._start(fn, args, kwargs, on_done, on_error, write=True)

    def _start(self, fn, args, kwargs, on_done, on_error, write: bool) -> int:
        task_id = next(self._ids)
        self._pending[task_id] = _Pending(on_done, on_error, write)
        pool = self._write_pool if write else self._read_pool
        pool.start(_Job(self, task_id, fn, args, kwargs, write))
        return task_id

    def busy(self) -> bool:
        return bool(self._pending)

    def add_canceller(self, cancel: Callable[[], None]) -> Callable[[], None]:
        """`cancel()` is what stops a long operation (its Cancel button): `shutdown` calls it first, so
        quitting stops that work at its next step (its transaction rolls back) instead of waiting for it.
        Returns the function that forgets it (call it when the operation is over)."""
        key = next(self._canceller_ids)
        self._cancellers[key] = cancel

        def forget() -> None:
            self._cancellers.pop(key, None)

        return forget

    def cancel_all(self) -> None:
        """Press Cancel on every long operation still running (quitting)."""
        for cancel in list(self._cancellers.values()):
            try:
                cancel()
            except RuntimeError as exc:  # its window was deleted meanwhile: nothing left to stop
                log.debug("could not cancel an operation: %s", exc)

    def watch_reads(self, engine, reading: dict | None = None) -> None:
        """Note the connections that reads hold (on any thread but the writer's, the dashboard's second
        connection included), so `shutdown` can interrupt their statements. `reading`: the connections
        noted before the runner existed (app.ui.first_screen.prepare_first_screen), noted here too."""
        from sqlalchemy import event

        self._reading: dict[int, object] = reading if reading is not None else getattr(self, "_reading", {})
        self._reading_lock = threading.Lock()

        def checkout(dbapi_connection, _record, _proxy):
            if not getattr(_writing, "on", False):
                with self._reading_lock:
                    self._reading[id(dbapi_connection)] = dbapi_connection

        def checkin(dbapi_connection, _record):
            with self._reading_lock:
                self._reading.pop(id(dbapi_connection), None)

        event.listen(engine, "checkout", checkout)
        event.listen(engine, "checkin", checkin)

    def shutdown(self, write_msecs: int = 10000, read_msecs: int = 1000) -> bool:
        """Quitting: cancel the long operations (an import, an export, a batch: they stop at their next
        step and roll back), drop the reads not yet started, wait for the writer to finish what it was
        asked (a write is never cut short: it commits or rolls back whole; once it is done no connection a
        write could use is interrupted), then interrupt the statements of the reads still running
        (SQLite's `interrupt`, psycopg's `cancel`: their answer would go to a closed window). True when
        every worker has stopped."""
        self.cancel_all()
        self._read_pool.clear()
        wrote = self._write_pool.waitForDone(write_msecs)
        # again and again until the readers have stopped: a read between two statements when it was
        # interrupted (an interrupt stops only what runs) would start the next one
        for _ in range(max(1, read_msecs // 50)):
            self._interrupt_reads()
            if self._read_pool.waitForDone(50):
                return wrote
        return False

    def _interrupt_reads(self) -> None:
        with getattr(self, "_reading_lock", threading.Lock()):
            reading = list(getattr(self, "_reading", {}).values())
        for connection in reading:
            stop = getattr(connection, "interrupt", None) or getattr(connection, "cancel", None)
            try:
                if stop is not None:
                    stop()
            except Exception as exc:  # noqa: BLE001 - a connection closing meanwhile: nothing to stop
                log.debug("could not interrupt a read: %s", exc)

    def wait_for_done(self, msecs: int = 30000) -> bool:
        """Block until the workers are done (for shutdown). Callbacks still arrive through the event loop."""
        return self._read_pool.waitForDone(msecs) and self._write_pool.waitForDone(msecs)

    # --- answers, on the GUI thread ---------------------------------------------------

    @Slot(int, bool, object)
    def _deliver(self, task_id: int, ok: bool, payload: object) -> None:
        pending = self._pending.pop(task_id, None)
        try:
            if pending is None:
                return
            if ok:
                result, changes = payload
                if pending.on_done is not None:
                    _answer(pending.on_done, result)
                if changes:
                    self.data_changed.emit(changes)
            elif pending.on_error is not None:
                _answer(pending.on_error, payload)
            else:
                log.error("background task failed:\n%s", getattr(payload, "__traceback_text__", payload))
        finally:
            if not self._pending:
                self.idle.emit()


def _answer(callback, payload) -> None:
    """Hand a result to the window that asked. A window closed while its task ran (a customer card shut
    before its score arrived) has nothing left to show it in: the answer is dropped, not an error."""
    try:
        callback(payload)
    except RuntimeError as exc:
        if "already deleted" not in str(exc):
            raise
        log.debug("dropped the answer of a task for a closed window: %s", exc)

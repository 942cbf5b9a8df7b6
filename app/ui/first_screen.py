"""The first screen's figures asked for before the window that shows them is built.

At 100,000 customers the dashboard's statements take longer than building the window, and SQLite works
without the interpreter's lock: asked for first, they run on a reader while the GUI thread builds the
window, instead of after it. The page takes the answer over (`EarlyRead.then`) when it is built; an
answer no page takes is dropped.

`cobranza gui` asks even earlier, before Qt is imported (`prepare_first_screen`, no Qt in this module):
the book is opened and the dashboard's statements start on a thread of their own while PySide6 and the
pages' modules load and the window is built (0.2 s of CPU at start); the runner takes the answer over
when it exists (`EarlyRead.waiting_for`).
"""

from __future__ import annotations

import threading
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any, Callable


class EarlyRead:
    """A runner read started before the page that shows it exists. `then(on_done, on_error)` hands its
    answer to the page: at once when it is already there, else when it arrives."""

    def __init__(self, runner, fn, *args, **kwargs):
        self._start(runner, fn, args, kwargs, None)

    @classmethod
    def waiting_for(cls, runner, future: Future, fn, *args, **kwargs) -> "EarlyRead":
        """The read `fn(session, *args, **kwargs)` already running before the runner existed, its answer
        to come in `future`: a reader waits for it (without the interpreter's lock) and hands it over."""
        early = cls.__new__(cls)
        early._start(runner, fn, args, kwargs, future)
        return early

    def _start(self, runner, fn, args, kwargs, future: Future | None) -> None:
        self.fn, self.args, self.kwargs = fn, args, kwargs
        self._answer: tuple[bool, Any] | None = None
        self._callbacks: tuple[Callable, Callable] | None = None
        done, failed = (lambda r: self._arrived(True, r)), (lambda exc: self._arrived(False, exc))
        if future is None:
            runner.read(fn, *args, on_done=done, on_error=failed, **kwargs)
        else:
            runner.read(_answer_of, future, on_done=done, on_error=failed)

    def asks(self, fn, *args, **kwargs) -> bool:
        """Whether this is the read `fn(session, *args, **kwargs)`."""
        return (fn, args, kwargs) == (self.fn, self.args, self.kwargs)

    def then(self, on_done: Callable[[Any], None], on_error: Callable[[BaseException], None]) -> None:
        self._callbacks = (on_done, on_error)
        if self._answer is not None:
            self._deliver()

    def _arrived(self, ok: bool, payload) -> None:
        self._answer = (ok, payload)
        if self._callbacks is not None:
            self._deliver()

    def _deliver(self) -> None:
        (ok, payload), (on_done, on_error) = self._answer, self._callbacks
        self._callbacks = None
        (on_done if ok else on_error)(payload)


def _answer_of(_session, future: Future):
    return future.result()


def ask_dashboard_early(ctx) -> EarlyRead:
    """The dashboard's figures for today, as DashboardView asks for them (app/ui/views/dashboard.py)."""
    from app.reports.dashboard import dashboard

    early = EarlyRead(ctx.runner, dashboard, ctx.today(), sessions=ctx.sessions, quick=True)
    ctx.early["dashboard"] = early
    return early


@dataclass
class PreparedStart:
    """The book opened and the dashboard's figures asked for before Qt was imported (prepare_first_screen)."""

    engine: Any
    sessions: Any  # the read sessions the app's context uses (the dashboard asks with them)
    as_of: Any
    dashboard: Future
    #: the connections the early read holds, so quitting meanwhile can interrupt them (TaskRunner.watch_reads)
    reading: dict = field(default_factory=dict)

    def hand_over(self, ctx) -> EarlyRead:
        """The early dashboard read as the window's first screen takes it (ctx.early["dashboard"])."""
        from app.reports.dashboard import dashboard

        early = EarlyRead.waiting_for(ctx.runner, self.dashboard, dashboard, self.as_of, sessions=ctx.sessions,
                                      quick=True)
        ctx.early["dashboard"] = early
        return early


@dataclass
class OpenFailed:
    """The book could not be opened before Qt was imported: run_gui says why, without opening it again (a
    migration that failed would be tried twice, with a second backup taken before it)."""

    error: BaseException


def prepare_first_screen(db: str | None) -> PreparedStart | OpenFailed | None:
    """Open the book `cobranza gui` will show and start the dashboard's statements on a thread, before Qt
    is imported; None when the start asks something first (first run, a missing book); OpenFailed when the
    book cannot be opened (run_gui then says why)."""
    from app import config

    from .book_choice import known_book

    if not known_book(db):
        return None
    try:
        from sqlalchemy import event

        from app.database import open_database, session_factory
        from app.reports.dashboard import dashboard

        engine = open_database(db)
    except Exception as exc:  # noqa: BLE001 - run_gui shows it in a window
        return OpenFailed(exc)
    sessions = session_factory(engine)
    prepared = PreparedStart(engine, sessions, config.today(), Future())
    lock = threading.Lock()

    def checkout(dbapi_connection, _record, _proxy):
        with lock:
            prepared.reading[id(dbapi_connection)] = dbapi_connection

    def checkin(dbapi_connection, _record):
        with lock:
            prepared.reading.pop(id(dbapi_connection), None)

    event.listen(engine, "checkout", checkout)
    event.listen(engine, "checkin", checkin)

    def compute() -> None:
        try:
            with sessions() as session:
                try:
                    result = dashboard(session, prepared.as_of, sessions=sessions, quick=True)
                finally:
                    session.rollback()
            prepared.dashboard.set_result(result)
        except BaseException as exc:  # noqa: BLE001 - handed to the page, which shows it
            import traceback

            exc.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
            prepared.dashboard.set_exception(exc)
        finally:
            event.remove(engine, "checkout", checkout)
            event.remove(engine, "checkin", checkin)

    prepared.dashboard.set_running_or_notify_cancel()
    threading.Thread(target=compute, name="first-screen", daemon=True).start()
    return prepared

"""The first screen's figures asked for before the window that shows them is built.

At 100,000 customers the dashboard's statements take longer than building the window, and SQLite works
without the interpreter's lock: asked for first, they run on a reader while the GUI thread builds the
window, instead of after it. The page takes the answer over (`EarlyRead.then`) when it is built; an
answer no page takes is dropped.
"""

from __future__ import annotations

from typing import Any, Callable


class EarlyRead:
    """A runner read started before the page that shows it exists. `then(on_done, on_error)` hands its
    answer to the page: at once when it is already there, else when it arrives."""

    def __init__(self, runner, fn, *args, **kwargs):
        self.fn, self.args, self.kwargs = fn, args, kwargs
        self._answer: tuple[bool, Any] | None = None
        self._callbacks: tuple[Callable, Callable] | None = None
        runner.read(fn, *args, on_done=lambda r: self._arrived(True, r),
                    on_error=lambda exc: self._arrived(False, exc), **kwargs)

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


def ask_dashboard_early(ctx) -> EarlyRead:
    """The dashboard's figures for today, as DashboardView asks for them (app/ui/views/dashboard.py)."""
    from app.reports.dashboard import dashboard

    early = EarlyRead(ctx.runner, dashboard, ctx.today(), sessions=ctx.sessions, quick=True)
    ctx.early["dashboard"] = early
    return early

"""Progress and Cancel for long domain functions, without Qt.

A long function (a reminder run's planning, an export, a batch of statements) takes an optional
`progress(done, total)` callable and calls it now and then. The caller's callable shows it (a progress bar
in the GUI, `app.ui.progress`; a line on the terminal, `app.cli.common.progress_line`) and may raise
`Cancelled` to stop the work: the function lets it through, so the caller's transaction rolls back and
nothing is written.
"""

from __future__ import annotations

from typing import Callable

Progress = Callable[[int, int], None]


class Cancelled(Exception):
    """The user cancelled a long operation (raised from its progress callable)."""


def report(progress: Progress | None, done: int, total: int) -> None:
    """Call `progress` if there is one (it may raise Cancelled)."""
    if progress is not None:
        progress(done, total)


class Steps:
    """Counts the steps of a loop (rows written, pages laid out) and reports every `every` of them, so a
    loop over a million rows calls `progress` a thousand times, not a million:

        steps = Steps(progress, total=len(rows))
        for row in rows:
            ...; steps()
        steps.end()
    """

    __slots__ = ("progress", "total", "every", "done", "_next")

    def __init__(self, progress: Progress | None, total: int, every: int = 1000):
        self.progress, self.total, self.every = progress, max(int(total), 0), max(int(every), 1)
        self.done = 0
        self._next = self.every
        report(progress, 0, self.total)

    def __call__(self, n: int = 1) -> None:
        self.done += n
        if self.done >= self._next and self.progress is not None:
            self._next = self.done + self.every
            self.progress(min(self.done, self.total), self.total)

    def end(self) -> None:
        self.done = self.total
        report(self.progress, self.total, self.total)


__all__ = ["Cancelled", "Progress", "Steps", "report"]

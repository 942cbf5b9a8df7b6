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


__all__ = ["Cancelled", "Progress", "report"]

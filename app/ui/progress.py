"""A progress bar with Cancel for any long operation: the domain function runs on the task runner with a
`progress(done, total)` callable (app.ledger.progress); the bar appears if it takes more than a second.

    run_with_progress(ctx.runner, parent, self.tr("Planning reminders…"), preview_run, as_of=...,
                      on_done=show, on_error=complain, on_cancel=None, write=True)

The callable runs on the worker: it hands the figures to the GUI thread by a queued signal and raises
`Cancelled` once Cancel was pressed, so the function stops at its next step and its transaction rolls back.
A cancelled operation calls `on_cancel` (if given), never `on_error`.

Quitting cancels it at once: the operation is one of the runner's cancellers (TaskRunner.shutdown), and
Ctrl+Q in the dialog (which keeps the window's own shortcut from it) cancels and closes the window.
"""

from __future__ import annotations

import threading
from typing import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QProgressDialog, QWidget

from app.ledger.progress import Cancelled

from .tasks import TaskRunner

SHOW_AFTER_MS = 1000  # shorter operations never show a bar


class _Bridge(QObject):
    step = Signal(int, int)


class ProgressOperation(QObject):
    """One running operation: its dialog, its cancel flag, and the progress callable handed to the worker."""

    finished = Signal()

    def __init__(self, parent: QWidget | None, label: str):
        super().__init__(parent)
        self.cancelled = threading.Event()
        self.dialog = QProgressDialog(label, self.tr("Cancel"), 0, 0, parent)
        self.dialog.setObjectName("progress_dialog")
        self.dialog.setWindowTitle(label)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(SHOW_AFTER_MS)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self.cancel)
        self._bridge = _Bridge()
        self._bridge.step.connect(self._step, Qt.ConnectionType.QueuedConnection)
        self.dialog.setValue(0)
        self._forget = lambda: None
        quit_here = QShortcut(QKeySequence(QKeySequence.StandardKey.Quit), self.dialog)
        quit_here.activated.connect(self.quit)

    def watch(self, runner: TaskRunner) -> None:
        """Quitting (the runner's shutdown) cancels this operation."""
        self._forget = runner.add_canceller(self.cancelled.set)

    def progress(self, done: int, total: int) -> None:
        """Called on the worker thread by the domain function."""
        if self.cancelled.is_set():
            raise Cancelled()
        self._bridge.step.emit(int(done), int(total))

    def cancel(self) -> None:
        self.cancelled.set()
        self.dialog.setLabelText(self.tr("Cancelling…"))

    def quit(self) -> None:
        """Ctrl+Q while the dialog is up: stop the work and close the window (which quits)."""
        self.cancel()
        window = self.parent().window() if isinstance(self.parent(), QWidget) else None
        if window is not None:
            window.close()

    def _step(self, done: int, total: int) -> None:
        if self.cancelled.is_set():
            return
        if self.dialog.maximum() != max(total, 0):
            self.dialog.setMaximum(max(total, 0))
        self.dialog.setValue(min(done, total) if total > 0 else 0)

    def close(self) -> None:
        self._forget()
        self.dialog.reset()
        self.dialog.hide()
        self.dialog.deleteLater()
        self.finished.emit()


def run_with_progress(runner: TaskRunner, parent: QWidget | None, label: str, fn, *args,
                      on_done: Callable | None = None, on_error: Callable | None = None,
                      on_cancel: Callable | None = None, write: bool = False, **kwargs) -> ProgressOperation:
    """Run `fn(session, *args, progress=..., **kwargs)` on the runner with a progress bar and Cancel."""
    op = ProgressOperation(parent, label)
    op.watch(runner)

    def done(result) -> None:
        op.close()
        if on_done is not None:
            on_done(result)

    def failed(exc: BaseException) -> None:
        op.close()
        if isinstance(exc, Cancelled):
            if on_cancel is not None:
                on_cancel()
        elif on_error is not None:
            on_error(exc)

    start = runner.write if write else runner.read
    start(fn, *args, progress=op.progress, on_done=done, on_error=failed, **kwargs)
    return op


__all__ = ["ProgressOperation", "SHOW_AFTER_MS", "run_with_progress"]

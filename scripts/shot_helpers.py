"""What every screenshot script needs between actions: let Qt run (paint, deliver signals) and wait for the
window's task runner to finish its reads and writes before the picture is taken."""

from __future__ import annotations

from PySide6.QtCore import QEventLoop, QTimer


def spin(ms: int = 300) -> None:
    """Run the event loop for `ms` milliseconds."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def settle(runner, ms: int = 400) -> None:
    """Until `runner` (app.ui.tasks.TaskRunner) is idle, at most a minute, then `ms` more for painting."""
    for _ in range(1200):
        spin(50)
        if not runner.busy():
            break
    spin(ms)

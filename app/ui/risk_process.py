"""The risk snapshot refreshed by a separate, lower-priority process (app/cli/_risk_worker.py running
app/collections/risk_worker.py), watched from the GUI thread with a QProcess: no thread of this process
trains anything, the dashboard and the other pages keep the interpreter, and quitting kills the worker
at once.

When the worker stored new scores, the runner's `data_changed` says the "risk" area changed, so the pages
that show risk (the dashboard's forecast, Today, the reminder segments) reload as after any write.
"""

from __future__ import annotations

import json
import logging
import sys

from PySide6.QtCore import QObject, QProcess, QProcessEnvironment, Signal

from app.collections.risk_worker import DB_ENV
from app.ledger.changes import RISK, Changes

log = logging.getLogger(__name__)

#: workers killed at quitting, kept until the process ends (app.ui.app.end_process): not destroyed with
#: the window, which would wait for them after all
_KILLED: list[QProcess] = []

#: the bundled executable runs the worker when asked with this first argument (installer/cobranza_main.py)
FROZEN_FLAG = "--risk-worker"


def worker_command(as_of) -> tuple[str, list[str]]:
    if getattr(sys, "frozen", False):
        return sys.executable, [FROZEN_FLAG, as_of.isoformat()]
    return sys.executable, ["-m", "app.cli._risk_worker", as_of.isoformat()]


class RiskRefresher(QObject):
    """One worker process at a time. `finished(stored)`: customers scored (0: the snapshot was fresh;
    -1: the worker failed or was stopped)."""

    finished = Signal(int)
    started = Signal()  # the worker process was started (the status bar shows it)

    def __init__(self, runner, url: str, parent: QObject | None = None):
        super().__init__(parent)
        self.runner = runner
        self.url = url
        self.process: QProcess | None = None
        self.result: dict | None = None
        self._stopped = False
        self._checking = False

    def start_if_stale(self, as_of) -> None:
        """Start the worker only when the stored snapshot is missing or stale: one small read on the
        runner instead of a second Python process (a second of CPU at start) that would find it fresh."""
        if self._checking or self.running() or self._stopped:
            return
        from app.collections.risk_snapshot import is_stale

        self._checking = True

        def checked(stale: bool) -> None:
            self._checking = False
            if stale and not self._stopped:
                self.start(as_of)
            elif not stale:
                self.finished.emit(0)

        def failed(exc) -> None:
            self._checking = False
            log.error("could not check the stored risk scores: %s", exc)

        self.runner.read(is_stale, as_of, on_done=checked, on_error=failed)

    def start(self, as_of) -> bool:
        if self.running():
            return False
        process = QProcess(self)
        env = QProcessEnvironment.systemEnvironment()
        env.insert(DB_ENV, self.url)  # in the environment, not on the command line other users can read
        process.setProcessEnvironment(env)
        process.finished.connect(self._finished)
        program, args = worker_command(as_of)
        self.process = process
        process.start(program, args)
        self.started.emit()
        return True

    def running(self) -> bool:
        return self.process is not None and self.process.state() != QProcess.ProcessState.NotRunning

    def stop(self, wait: bool = True) -> None:
        """Kill the worker now (Cancel, quitting): its snapshot is written in one transaction at its very
        end, so the stored one stays as it was. A check still running starts nothing afterwards. Quitting
        does not `wait` for the killed process to be gone: the system freeing its memory (the model's
        arrays at 100,000 customers) took 0.05-0.4 s, and the app's process ends without waiting for it
        (app.ui.app.end_process)."""
        self._stopped = True
        process, self.process = self.process, None
        if process is not None and process.state() != QProcess.ProcessState.NotRunning:
            process.finished.disconnect(self._finished)
            process.kill()
            if wait:
                process.waitForFinished(2000)
            else:  # out of the window's object tree: destroying a QProcess waits for its process to end
                process.setParent(None)
                _KILLED.append(process)

    def _finished(self, code: int, status) -> None:
        process = self.sender()
        out = bytes(process.readAllStandardOutput()).decode("utf-8", "replace").strip().splitlines()
        err = bytes(process.readAllStandardError()).decode("utf-8", "replace")
        self.process = None
        stored = -1
        if status == QProcess.ExitStatus.NormalExit and code == 0 and out:
            try:
                self.result = json.loads(out[-1])
                stored = int(self.result.get("stored", 0))
            except ValueError:
                log.error("the risk worker said: %s", out[-1])
        else:
            log.error("the risk worker failed (exit %s):\n%s", code, err[-4000:])
        if stored > 0:
            self.runner.data_changed.emit(Changes(frozenset({RISK}), None))
        self.finished.emit(stored)

"""File menu → Back up now…, Restore from backup…, and the automatic backup at start.

The work is app.backup's (the same functions `cobranza backup|restore` call), run through the task
runner so the window never stalls: a backup and the check of a backup file on a reader, the restore on
the one writer (after every write asked before it; it takes SQLite's write lock itself). After a restore
the whole window reloads: the company, the currencies' decimals and every page.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.backup import (EXTENSION, BackupError, BackupInfo, auto_backup, auto_enabled, backup_dir, inspect_backup,
                        make_backup, restore_backup, unique_name, with_extension)
from app.ledger.changes import Changes
from app.ledger.progress import Cancelled

from .progress import run_with_progress

log = logging.getLogger(__name__)


# --- the jobs (on a worker: plain values in and out; the runner's session is not used) ------------


def _backup_job(_session, url, path, progress=None):
    # the save dialog has asked before replacing a file
    return make_backup(url, path, overwrite=True, progress=progress)


def _auto_job(_session, url, progress=None):
    return auto_backup(url, progress=progress)


def _stopped_by(event: threading.Event):
    """A progress callable that only stops the work (quitting): no bar for the automatic backup."""

    def progress(_done: int, _total: int) -> None:
        if event.is_set():
            raise Cancelled()

    return progress


def _inspect_job(_session, path):
    return inspect_backup(path)


def _restore_job(_session, url, path, info):
    return restore_backup(url, path, info=info)


class BackupActions(QObject):
    """The backup actions of one main window."""

    #: (what, ok, message) after each job, for the status bar and for tests: what is backup|auto|check|restore
    finished = Signal(str, bool, str)

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.ctx = window.ctx
        self.pending_box: QMessageBox | None = None  # the confirmation on screen
        self.last_message: QMessageBox | None = None  # the last outcome shown (restored, or why not)

    @property
    def url(self):
        return self.ctx.engine.url

    def add_to(self, menu) -> None:
        self.act_backup = QAction(self.tr("&Back up now…"), self.window)
        self.act_backup.triggered.connect(self.back_up_now)
        self.act_restore = QAction(self.tr("&Restore from backup…"), self.window)
        self.act_restore.triggered.connect(self.restore_from_backup)
        menu.addAction(self.act_backup)
        menu.addAction(self.act_restore)

    # --- backing up ------------------------------------------------------------------------------

    def back_up_now(self) -> None:
        suggested = unique_name(Path.home())
        path, _ = QFileDialog.getSaveFileName(self.window, self.tr("Back up now"), str(suggested),
                                              self.tr("Cobranza backups (*%1)").replace("%1", EXTENSION))
        if path:
            self.start_backup(path)

    def start_backup(self, path: str | Path):
        """The backup on a reader, with a progress bar and Cancel (nothing is left after a Cancel)."""
        target = with_extension(path)
        self.window.statusBar().showMessage(self.tr("Backing up to %1…").replace("%1", str(target)))
        self.operation = run_with_progress(
            self.ctx.runner, self.window, self.tr("Backing up…"), _backup_job, self.url, target,
            on_done=self._backed_up, on_error=lambda exc: self._failed("backup", exc),
            on_cancel=self._backup_cancelled)
        return self.operation

    def _backup_cancelled(self) -> None:
        message = self.tr("Backup cancelled: no file was written.")
        self.window.statusBar().showMessage(message, 15000)
        self.finished.emit("backup", False, message)

    def _backed_up(self, result) -> None:
        message = self.tr("Backup written: %1").replace("%1", str(result.path))
        self.window.statusBar().showMessage(message, 15000)
        self.finished.emit("backup", True, message)

    def start_automatic_backup(self) -> int | None:
        """The daily backup at start, in the background; nothing when the newest is less than a day old."""
        if not auto_enabled():
            return None
        quitting = threading.Event()
        forget = self.ctx.runner.add_canceller(quitting.set)  # quitting stops it: no half-written file is left

        def done(result) -> None:
            forget()
            self._auto_done(result)

        def failed(exc) -> None:
            forget()
            if not isinstance(exc, Cancelled):
                self._failed("auto", exc, quiet=True)

        return self.ctx.runner.read(_auto_job, self.url, progress=_stopped_by(quitting), on_done=done,
                                    on_error=failed)

    def _auto_done(self, result) -> None:
        if result.made is not None:
            message = self.tr("Automatic backup written: %1").replace("%1", str(result.made))
            self.window.statusBar().showMessage(message, 10000)
        else:
            message = ""
        self.finished.emit("auto", True, message)

    # --- restoring --------------------------------------------------------------------------------

    def restore_from_backup(self) -> None:
        folder = backup_dir(self.url)
        path, _ = QFileDialog.getOpenFileName(
            self.window, self.tr("Restore from backup"), str(folder if folder.is_dir() else Path.home()),
            self.tr("Cobranza backups (*%1);;All files (*)").replace("%1", EXTENSION))
        if path:
            self.check(path)

    def check(self, path: str | Path) -> int:
        """Check the file on a reader, then ask (confirmation_box)."""
        return self.ctx.runner.read(_inspect_job, Path(path), on_done=self._confirm,
                                    on_error=lambda exc: self._failed("check", exc))

    def confirmation_box(self, info: BackupInfo) -> QMessageBox:
        when = self.ctx.formatter.date(info.created_at.date()) + info.created_at.strftime(" %H:%M UTC") \
            if info.created_at else self.tr("unknown")
        counts = info.counts
        text = self.tr("Replace the open database with this backup?")
        details = "\n".join([
            self.tr("File: %1").replace("%1", str(info.path)),
            self.tr("Made on: %1").replace("%1", when),
            self.tr("Company: %1").replace("%1", info.company or "?"),
            self.tr("Customers: %1, invoices: %2, payments: %3, credit notes: %4")
            .replace("%1", str(counts.get("customers", 0))).replace("%2", str(counts.get("invoices", 0)))
            .replace("%3", str(counts.get("payments", 0))).replace("%4", str(counts.get("credit notes", 0))),
            "",
            self.tr("The database as it is now is saved as a backup first."),
        ])
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Restore from backup"), text,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self.window)
        box.setInformativeText(details)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setObjectName("restore_confirmation")
        return box

    def _confirm(self, info: BackupInfo) -> None:
        box = self.confirmation_box(info)
        self.pending_box = box

        def answered(button: int) -> None:
            self.pending_box = None
            if button == QMessageBox.StandardButton.Yes:
                self.start_restore(info)
            else:
                self.finished.emit("restore", False, "")

        box.finished.connect(answered)
        box.open()

    def start_restore(self, info: BackupInfo) -> int:
        self.window.statusBar().showMessage(self.tr("Restoring from %1…").replace("%1", str(info.path)))
        return self.ctx.runner.write(_restore_job, self.url, info.path, info, on_done=self._restored,
                                     on_error=lambda exc: self._failed("restore", exc))

    def _restored(self, result) -> None:
        from app.ledger import currencies

        currencies.load(self.ctx.engine)  # the restored database's decimals per currency
        self.ctx.load_company()
        self.window.retranslate_window()
        for view in self.window.views.values():
            setter = getattr(view, "set_formatter", None)
            if setter is not None:
                setter(self.ctx.formatter)
        self.ctx.runner.data_changed.emit(Changes.everything())  # every page and open card reloads
        message = self.tr("Restored from %1.").replace("%1", str(result.info.path))
        if result.safety_backup:
            message += " " + self.tr("The previous database is saved in %1.").replace("%1", str(result.safety_backup))
        self.window.statusBar().showMessage(message, 20000)
        self.finished.emit("restore", True, message)
        self._tell(QMessageBox.Icon.Information, self.tr("Restore from backup"), message)

    # --- errors -----------------------------------------------------------------------------------------

    def _failed(self, what: str, exc: BaseException, *, quiet: bool = False) -> None:
        if isinstance(exc, BackupError):
            message = str(exc)
        else:
            log.error("%s failed:\n%s", what, getattr(exc, "__traceback_text__", exc))
            message = f"{type(exc).__name__}: {exc}"
        self.window.statusBar().showMessage(self.tr("Backup failed: %1").replace("%1", message)
                                            if what in ("backup", "auto") else message, 20000)
        self.finished.emit(what, False, message)
        if not quiet:
            self._tell(QMessageBox.Icon.Warning, self.tr("Back up and restore"), message)

    def _tell(self, icon, title: str, text: str) -> None:
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self.window)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.last_message = box
        box.open()  # not exec(): the event loop (and the runner's answers) keep going

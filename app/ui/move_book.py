"""File → Move database…: the book (an SQLite file) copied to a chosen place, checked, and used from there.

The work is app.book_location's (the same function `cobranza move-db` calls), run on the one writer in
its transaction, so no write of this window lands between the copy and the switch; before that job ends
the task runner's sessions already point at the new file, so every later job reads and writes there. The
old file is kept until the user confirms it can go (No is the default).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.book_location import MoveError, move_database, remove_old_book
from app.database import open_database, session_factory
from app.ledger.changes import Changes

log = logging.getLogger(__name__)


def _move_job(session, runner, url, dest):
    """On the writer: hold the write lock (this transaction), copy and check, open the new file and point the
    runner at it before the next job can start."""
    session.connection()  # BEGIN IMMEDIATE: the write lock, until this job ends
    result = move_database(url, dest, lock_held=True)
    engine = open_database(str(result.new))
    runner.sessions = session_factory(engine)
    runner.write_sessions = session_factory(engine, write=True)
    return result, engine


class MoveBook(QObject):
    """The Move database… action of one main window."""

    #: (ok, message) after a move, for the status bar and for tests
    finished = Signal(bool, str)

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.ctx = window.ctx
        self.result = None
        self.pending_box: QMessageBox | None = None  # "delete the old file?" while it is open

    def add_to(self, menu) -> None:
        self.act_move = QAction(self.tr("&Move database…"), self.window)
        self.act_move.setObjectName("act_move_database")
        self.act_move.triggered.connect(self.choose)
        if self.ctx.engine.url.get_backend_name() != "sqlite":
            why = self.tr("The book is on a database server: the server's administrator moves it.")
            self.act_move.setEnabled(False)
            self.act_move.setToolTip(why)
            self.act_move.setStatusTip(why)
        else:
            self.act_move.setStatusTip(self.tr("Copy the book to another folder, check the copy and use it from "
                                               "there; the old file is kept until you confirm"))
        menu.addAction(self.act_move)

    def current_path(self) -> Path:
        return Path(self.ctx.engine.url.database or "")

    def choose(self) -> None:
        current = self.current_path()
        path, _ = QFileDialog.getSaveFileName(self.window, self.tr("Move the book to"), str(Path.home() / current.name),
                                              self.tr("Cobranza book (*.sqlite)"))
        if path:
            self.start(path)

    def start(self, dest: str | Path) -> int:
        self.window.statusBar().showMessage(self.tr("Moving the book to %1…").replace("%1", str(dest)))
        return self.ctx.runner.write(_move_job, self.ctx.runner, self.ctx.engine.url, str(dest),
                                     on_done=self._moved, on_error=self._failed)

    def _moved(self, answer) -> None:
        result, engine = answer
        old_engine = self.ctx.engine
        self.ctx.engine = engine
        self.ctx.sessions = self.ctx.runner.sessions
        old_engine.dispose()
        self.result = result
        self.window.retranslate_window()
        self.ctx.runner.data_changed.emit(Changes.everything())  # every page reads the new file
        message = self.tr("The book is now %1 (checked: %n customer(s)).", "", result.counts.get("customer", 0)) \
            .replace("%1", str(result.new))
        if not result.remembered:
            message += " " + self.tr("Cobranza was started with another book named (--db): start it with "
                                     "--db %1 from now on.").replace("%1", str(result.new))
        if result.env_names_old:
            message += " " + self.tr("COBRANZA_DB still names the old file: change it to %1.").replace(
                "%1", str(result.new))
        self.window.statusBar().showMessage(message, 20000)
        self.finished.emit(True, message)
        self.ask_to_delete_old(message)

    def ask_to_delete_old(self, message: str) -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Move database"), message,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self.window)
        box.setObjectName("delete_old_book")
        box.setInformativeText(self.tr("Delete the old file %1 now? Keep it if you want to check the new place "
                                       "first; it is no longer used.").replace("%1", str(self.result.old)))
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Delete the old file"))
        box.button(QMessageBox.StandardButton.No).setText(self.tr("Keep it"))
        box.setDefaultButton(QMessageBox.StandardButton.No)
        self.pending_box = box

        def answered(button: int) -> None:
            self.pending_box = None
            if button == QMessageBox.StandardButton.Yes:
                self.delete_old()

        box.finished.connect(answered)
        box.open()
        return box

    def delete_old(self) -> None:
        try:
            remove_old_book(self.result.old)
        except MoveError as exc:
            self.window.statusBar().showMessage(str(exc), 20000)
            return
        self.window.statusBar().showMessage(self.tr("Deleted the old file %1.").replace("%1", str(self.result.old)),
                                            15000)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, MoveError):
            message = str(exc)
        else:
            log.error("move failed:\n%s", getattr(exc, "__traceback_text__", exc))
            message = f"{type(exc).__name__}: {exc}"
        self.window.statusBar().showMessage(message, 20000)
        self.finished.emit(False, message)
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Move database"), message, QMessageBox.StandardButton.Ok,
                          self.window)
        box.setObjectName("move_failed")
        self.pending_box = box
        box.finished.connect(lambda _b: setattr(self, "pending_box", None))
        box.open()

"""File menu → Export everything to Excel…, Statements for every customer…: the two batch exports of
the whole book, each with a progress bar and Cancel (app/ui/progress.py).

The work is the same functions `cobranza export --all` and `cobranza statement --all` call, run on a
reader. Both write through a temporary name and move their files into place only when all is done: a
Cancel (or quitting) leaves no file behind.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox

from .progress import run_with_progress


def _export_all_job(session, path: str, lang: str, progress=None):
    from app.reports.export_all import export_all

    with session.begin():  # one read transaction: a consistent picture of the books
        return export_all(session, path, lang=lang, progress=progress)


def _statements_job(session, folder: str, as_of, progress=None):
    """(results, skipped): one PDF per customer with a balance and the combined file, in `folder`."""
    from app.reports.statement import render_statements

    skipped: list = []
    with session.begin():
        results = render_statements(session, as_of=as_of, out_dir=folder, skipped=skipped, progress=progress)
    return results, [(p.customer_code, str(p)) for p in skipped]


class ExportActions(QObject):
    """The batch exports of one main window."""

    #: (what, outcome, message) after each export, for the status bar and for tests:
    #: what is all|statements; outcome is done|cancelled|failed
    finished = Signal(str, str, str)

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.ctx = window.ctx
        self.operation = None  # the ProgressOperation running, if any

    def add_to(self, menu) -> None:
        self.act_export_all = QAction(self.tr("&Export everything to Excel…"), self.window)
        self.act_export_all.setObjectName("act_export_all")
        self.act_export_all.setStatusTip(self.tr("Every customer, document and allocation in one workbook, "
                                                 "one sheet per table, for your accountant"))
        self.act_export_all.triggered.connect(self.choose_export_all)
        self.act_statements = QAction(self.tr("&Statements for every customer…"), self.window)
        self.act_statements.setObjectName("act_statements_all")
        self.act_statements.setStatusTip(self.tr("A statement of account (PDF) for every customer with a balance "
                                                 "today, and one file with all of them for printing"))
        self.act_statements.triggered.connect(self.choose_statements)
        menu.addAction(self.act_export_all)
        menu.addAction(self.act_statements)

    def _lang(self) -> str:
        return "es" if self.ctx.formatter.locale.startswith("es") else "en"

    def _say(self, what: str, outcome: str, message: str) -> None:
        self.operation = None
        for act in (self.act_export_all, self.act_statements):
            act.setEnabled(True)
        self.window.statusBar().showMessage(message, 15000)
        if outcome == "failed":
            QMessageBox.warning(self.window, self.tr("Export"), message)
        self.finished.emit(what, outcome, message)

    def _busy(self) -> None:
        for act in (self.act_export_all, self.act_statements):
            act.setEnabled(False)

    # --- everything to one workbook ----------------------------------------------------------------

    def choose_export_all(self) -> None:
        suggested = Path.home() / f"cobranza-{self.ctx.today().isoformat()}.xlsx"
        path, _ = QFileDialog.getSaveFileName(self.window, self.tr("Export everything to Excel"), str(suggested),
                                              self.tr("Excel workbook (*.xlsx)"))
        if path:
            self.export_all(path)

    def export_all(self, path: str | Path):
        path = Path(path)
        if path.suffix.lower() != ".xlsx":
            path = path.with_name(path.name + ".xlsx")
        self._busy()
        self.operation = run_with_progress(
            self.ctx.runner, self.window, self.tr("Exporting everything to Excel…"), _export_all_job, str(path),
            self._lang(),
            on_done=lambda summary: self._say("all", "done", self.tr("Written %1").replace("%1", str(summary.path))),
            on_error=lambda exc: self._say("all", "failed", self.tr("The export failed: %1").replace("%1", str(exc))),
            on_cancel=lambda: self._say("all", "cancelled", self.tr("Export cancelled: no file was written.")))
        return self.operation

    # --- a statement per customer ----------------------------------------------------------------

    def choose_statements(self) -> None:
        folder = QFileDialog.getExistingDirectory(self.window, self.tr("Folder for the statements"),
                                                  str(Path.home()))
        if folder:
            self.statements(folder)

    def statements(self, folder: str | Path, as_of=None):
        as_of = as_of or self.ctx.today()
        self._busy()

        def done(answer) -> None:
            results, skipped = answer
            message = self.tr("%n statement(s) written to %1", "", len(results)).replace("%1", str(folder))
            if not results:
                message = self.tr("No customer has a balance: no statement was written.")
            if skipped:
                message += " " + self.tr("Left out: %1").replace("%1", "; ".join(f"{c}: {m}" for c, m in skipped))
            self._say("statements", "done", message)

        self.operation = run_with_progress(
            self.ctx.runner, self.window, self.tr("Writing the statements…"), _statements_job, str(folder), as_of,
            on_done=done,
            on_error=lambda exc: self._say("statements", "failed",
                                           self.tr("The statements could not be written: %1").replace("%1", str(exc))),
            on_cancel=lambda: self._say("statements", "cancelled",
                                        self.tr("Statements cancelled: no file was written.")))
        return self.operation


__all__ = ["ExportActions"]

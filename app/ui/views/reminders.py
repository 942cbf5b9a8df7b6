"""Reminders: preview the run as of a date and time (every skip greyed with its reason), approve with a
checkbox per reminder, run it on the write worker with progress and Cancel, open the letters, and see
the history of stored reminders."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QDate, QObject, QTime, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)
from PySide6.QtCore import Qt
from app import config
from app.ledger.changes import Changes
from app.reminders.outbox import release_reminders
from app.reminders.run import approve_reminders, cancel_reminders, local_zone, recent_reminders
from app.reminders.service import RunDone, RunReview, default_letters_dir, deliver_stored, perform_run, review_run
from app.reminders.whatsapp_send import open_whatsapp_reminder

from ..context import AppContext
from ..empty_state import EmptyState
from ..page_parts import list_table
from ..progress import run_with_progress
from ..tablemodels.reminders import HistoryTableModel, PlanTableModel

HISTORY_LIMIT = 500


FIT_ROWS = 100  # rows measured to size the columns
PLAN_FIT_ROWS = 40  # the plan's (a screenful and more; the plan's lines are alike)


def fit(table: QTableView, caps: dict[int, int], padding: int = 16, rows: int = FIT_ROWS) -> None:
    """Columns sized to their contents plus some air, long text columns capped (the tooltip has it all).
    Measured on the first rows only: a run plans tens of thousands (Qt's default, 1,000 rows, took seconds)."""
    table.horizontalHeader().setResizeContentsPrecision(rows)
    table.resizeColumnsToContents()
    count = table.model().columnCount()
    for col in range(count):
        width = table.columnWidth(col) + padding
        table.setColumnWidth(col, min(width, caps.get(col, width)))
    if count:  # the last column takes what is left, never pushing the table into a horizontal scroll
        others = sum(table.columnWidth(c) for c in range(count - 1))
        table.setColumnWidth(count - 1, max(160, min(table.columnWidth(count - 1), table.viewport().width() - others)))


class _Progress(QObject):
    """Lives on the GUI thread; the worker emits, the queued connection brings it to the bar."""

    step = Signal(int, int)


class RemindersView(QWidget):
    #: the areas of app.ledger.changes whose writes this page shows (MainWindow.refresh_views)
    concerns = frozenset({"reminders", "customers"})
    previewed = Signal()
    finished = Signal(object)
    history_loaded = Signal()

    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.summary_result = None
        self.letters_path: str | None = None
        self.confirm_box: QMessageBox | None = None  # the run confirmation while it is open
        self._cancel = threading.Event()
        ctx.runner.add_canceller(self._cancel.set)  # quitting stops a run (letters, e-mails) at its next step
        self._progress = _Progress(self)
        self._progress.step.connect(self._on_progress)

        title = QLabel(self.tr("Reminders"))
        title.setStyleSheet("font-size: 16pt; font-weight: 600;")
        today = ctx.today()
        self.as_of = QDateEdit(QDate(today.year, today.month, today.day))
        self.as_of.setCalendarPopup(True)
        self.as_of.setDisplayFormat(ctx.formatter.qt_date_format())
        now = config.now()
        self.at = QTimeEdit(QTime(now.hour, now.minute))
        self.at.setDisplayFormat("HH:mm")
        self.preview_button = QPushButton(self.tr("Preview"))
        self.run_button = QPushButton(self.tr("Run"))
        self.run_button.setEnabled(False)
        self.all_button = QPushButton(self.tr("Approve all"))
        self.none_button = QPushButton(self.tr("Approve none"))
        self.count = QLabel()
        self.count.setWordWrap(True)  # 38,293 planned on the 1M demo: wrap, do not widen the window past a laptop
        top = QHBoxLayout()
        for w in (title, QLabel(self.tr("As of")), self.as_of, QLabel(self.tr("at")), self.at, self.preview_button,
                  self.all_button, self.none_button, self.run_button):
            top.addWidget(w)
        top.addWidget(self.count, 1)

        self.letters_dir = QLineEdit()
        self.letters_dir.setPlaceholderText(self.tr("Default: %1").replace(
            "%1", str(config.data_dir() / "letters" / "<date>")))
        self.letters_button = QPushButton(self.tr("Choose…"))
        letters = QHBoxLayout()
        letters.addWidget(QLabel(self.tr("Letters folder")))
        letters.addWidget(self.letters_dir, 1)
        letters.addWidget(self.letters_button)

        self.model = PlanTableModel(ctx.formatter, self)
        self.table = self._table(self.model, "plan_table", PlanTableModel.COL_REASON)

        self.progress = QProgressBar()
        self.progress.setFormat(self.tr("%v of %m reminders"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_letters = QPushButton(self.tr("Open letters PDF"))
        self.open_letters.setEnabled(False)
        self.print_letters = QPushButton(self.tr("Print letters…"))  # Qt's print dialog (ui/printing.py)
        self.print_letters.setEnabled(False)
        status = QHBoxLayout()
        status.addWidget(self.progress, 1)
        status.addWidget(self.cancel_button)
        status.addWidget(self.summary, 3)
        status.addWidget(self.open_letters)
        status.addWidget(self.print_letters)
        self._set_running(False)

        self.history_model = HistoryTableModel(ctx.formatter, self)
        self.history = self._table(self.history_model, "history_table", HistoryTableModel.COL_ERROR)
        self._history_answered = False
        self.history_empty = EmptyState(
            self.history, self.tr("No reminders yet"),
            self.tr("Press Preview to see who gets a reminder as of the date above, approve them, then Run. "
                    "Every reminder sent, written or waiting for approval is listed here."),
            [(self.tr("Preview"), lambda: self.preview())], ready=lambda: self._history_answered)
        history_box = QWidget()
        hl = QVBoxLayout(history_box)
        hl.setContentsMargins(0, 0, 0, 0)
        self.history_title = QLabel(self.tr("History"))
        self.history_title.setStyleSheet("font-weight: 600;")
        self.history.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.approve_selected = QPushButton(self.tr("Approve selected drafts"))
        self.cancel_selected = QPushButton(self.tr("Cancel selected…"))
        self.whatsapp_button = QPushButton(self.tr("Open WhatsApp chat"))
        self.whatsapp_button.setToolTip(self.tr("Opens the chat with the message filled in and records it as opened"))
        # e-mails left "sending" by a crash: they may have gone out; a person checks the mailbox, then says
        self.release_button = QPushButton(self.tr("Release (send again)"))
        self.release_button.setToolTip(self.tr("It did not arrive: back to the queue, sent again by the next run "
                                               "with the same Message-ID"))
        self.mark_sent_button = QPushButton(self.tr("Mark as sent"))
        self.mark_sent_button.setToolTip(self.tr("It did arrive: record it as sent without sending it again"))
        self.sending_label = QLabel()
        self.sending_label.setObjectName("may_have_been_sent")
        self.sending_label.setStyleSheet("color: #b00020;")
        self.history_status = QLabel()
        hh = QHBoxLayout()
        hh.addWidget(self.history_title)
        hh.addStretch(1)
        hh.addWidget(self.history_status)
        for b in (self.approve_selected, self.cancel_selected, self.whatsapp_button):
            hh.addWidget(b)
        sending = QHBoxLayout()
        sending.addWidget(self.sending_label, 1)
        sending.addWidget(self.release_button)
        sending.addWidget(self.mark_sent_button)
        hl.addLayout(hh)
        hl.addLayout(sending)
        hl.addWidget(self.history, 1)
        self.last_whatsapp_url: str | None = None
        self.history.selectionModel().selectionChanged.connect(lambda *_: self._update_history_buttons())
        self.approve_selected.clicked.connect(self.approve_selected_drafts)
        self.cancel_selected.clicked.connect(lambda: self.cancel_selected_reminders())
        self.whatsapp_button.clicked.connect(self.open_whatsapp)
        self.release_button.clicked.connect(lambda: self.release_selected(mark_as_sent=False))
        self.mark_sent_button.clicked.connect(lambda: self.release_selected(mark_as_sent=True))
        self._update_history_buttons()
        plan_box = QWidget()
        pl = QVBoxLayout(plan_box)
        pl.setContentsMargins(0, 0, 0, 0)
        pl.addWidget(self.table, 1)
        pl.addLayout(status)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(plan_box)
        splitter.addWidget(history_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(letters)
        layout.addWidget(splitter, 1)

        self.preview_button.clicked.connect(self.preview)
        self.run_button.clicked.connect(self.run)
        self.cancel_button.clicked.connect(self.cancel)
        self.open_letters.clicked.connect(self.open_letters_pdf)
        self.print_letters.clicked.connect(lambda: self.print_letters_pdf())
        self.letters_button.clicked.connect(self._choose_letters_dir)
        self.all_button.clicked.connect(lambda: self.model.set_all(True))
        self.none_button.clicked.connect(lambda: self.model.set_all(False))
        self.model.dataChanged.connect(lambda *_: self._update_count())
        # the approvals belong to the previewed moment: another date or time needs a new preview
        self.as_of.dateChanged.connect(self._moment_changed)
        self.at.timeChanged.connect(self._moment_changed)
        ctx.runner.read(local_zone, on_done=self._zone_arrived)
        self.load_history()

    def _zone_arrived(self, zone) -> None:
        self.model.zone = self.history_model.zone = zone
        for model in (self.model, self.history_model):
            if model.rowCount():
                model.dataChanged.emit(model.index(0, 0), model.index(model.rowCount() - 1, model.COLUMN_COUNT - 1))

    def _table(self, model, name: str, stretch: int) -> QTableView:
        table = list_table(model, name)
        table.horizontalHeader().setStretchLastSection(True)
        table.verticalHeader().setDefaultSectionSize(24)
        return table

    # --- preview --------------------------------------------------------------------------

    def _hhmm(self) -> str:
        return self.at.time().toString("HH:mm")

    def preview(self) -> None:
        self.count.setText(self.tr("Planning…"))
        self.preview_button.setEnabled(False)
        # on the write worker, as the run: planning needs the writer's view (it writes nothing it keeps);
        # a bar with Cancel when it takes more than a second (100,000 customers)
        self._preview_op = run_with_progress(
            self.ctx.runner, self, self.tr("Planning the reminders…"), review_run, write=True,
            as_of=self.as_of.date().toPython(), at=self._hhmm(), on_done=self._previewed,
            on_error=self._preview_failed, on_cancel=self._preview_cancelled)

    def _previewed(self, review: RunReview) -> None:
        plan = review.lines  # in columns (app.reminders.preview_lines): nothing for this thread's collector to walk
        self.preview_button.setEnabled(True)
        self.model.set_rows(plan)
        # measured on 40 rows: each row is 9 cells asked for 8 roles, a tenth of a second of the GUI thread per 100
        fit(self.table, {PlanTableModel.COL_NAME: 170, PlanTableModel.COL_LEVEL: 150, PlanTableModel.COL_REASON: 420,
                         PlanTableModel.COL_ITEMS: 150}, rows=PLAN_FIT_ROWS)
        self.run_button.setEnabled(self.model.rowCount() > self.model.blocked_count())
        self._update_count()
        self.previewed.emit()

    def _moment_changed(self, *_args) -> None:
        if self.model.rowCount():
            self.run_button.setEnabled(False)
            self.count.setText(self.tr("Date or time changed: press Preview again."))

    def _preview_cancelled(self) -> None:
        self.preview_button.setEnabled(True)
        self.count.setText(self.tr("Preview cancelled."))

    def _preview_failed(self, exc) -> None:
        self.preview_button.setEnabled(True)
        self.count.setText(str(exc))

    def _update_count(self) -> None:
        total = self.model.rowCount()
        blocked = self.model.blocked_count()
        self.count.setText(self.tr("%n reminder(s) planned", "", total - blocked) + " · "
                           + self.tr("%n approved", "", len(self.model.approved_keys())) + " · "
                           + self.tr("%n skipped", "", blocked))

    # --- run ------------------------------------------------------------------------------

    def letters_folder(self) -> Path:
        text = self.letters_dir.text().strip()
        return Path(text) if text else default_letters_dir(self.as_of.date().toPython())

    def _choose_letters_dir(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Letters folder"), str(self.letters_folder()))
        if folder:
            self.letters_dir.setText(folder)

    def run(self) -> None:
        """Nothing leaves on one click: a confirmation says what the run will do, channel by channel, and
        the run starts only on its Run button (No is the default)."""
        counts = self.model.approved_channel_counts()
        lines = [self.tr("%n e-mail(s) to send", "", counts.get("email", 0)),
                 self.tr("%n letter(s) to write", "", counts.get("letter", 0)),
                 self.tr("%n WhatsApp chat(s) to open", "", counts.get("whatsapp", 0)),
                 self.tr("%n SMS to export", "", counts.get("sms", 0))]
        if counts.get("call"):
            lines.append(self.tr("%n call(s) to make", "", counts["call"]))
        text = (self.tr("Run the %n approved reminder(s) as of %1?", "", len(self.model.approved_keys()))
                .replace("%1", self.ctx.formatter.date(self.as_of.date().toPython()))
                + "\n\n" + "\n".join(lines))
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Confirm the reminder run"), text,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setObjectName("run_confirm")
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Run"))
        box.setDefaultButton(QMessageBox.StandardButton.No)

        def answered(_result: int) -> None:
            self.confirm_box = None
            if box.clickedButton() is box.button(QMessageBox.StandardButton.Yes):
                self._start_run()

        box.finished.connect(answered)
        box.finished.connect(box.deleteLater)
        self.confirm_box = box
        box.open()

    def _start_run(self) -> None:
        self._cancel.clear()
        self._set_running(True)
        self.progress.setRange(0, max(1, len(self.model.approved_keys())))
        self.progress.setValue(0)
        self.summary.setText(self.tr("Running…"))
        self.ctx.runner.write(perform_run, as_of=self.as_of.date().toPython(), at=self._hhmm(),
                              approve=self.model.approved_keys(), letters_dir=str(self.letters_folder()),
                              progress=self._progress.step.emit, cancel=self._cancel.is_set,
                              on_done=self._deliver, on_error=self._failed)

    def _deliver(self, stored: RunDone) -> None:
        """The run is stored and committed: deliver it on a reader, holding no transaction, so the app's other
        writes go on while the SMTP server talks (each e-mail has its own short write transactions)."""
        writers, readers = self.ctx.runner.write_sessions, self.ctx.sessions
        self.ctx.runner.read(lambda _session: deliver_stored(stored, writers=writers, readers=readers,
                                                             progress=self._progress.step.emit,
                                                             cancel=self._cancel.is_set),
                             on_done=self._finished, on_error=self._failed)

    def cancel(self) -> None:
        self._cancel.set()
        self.cancel_button.setEnabled(False)
        self.summary.setText(self.tr("Cancelling…"))

    def _on_progress(self, n: int, total: int) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(n)

    def _set_running(self, running: bool) -> None:
        self.progress.setVisible(running)
        self.cancel_button.setVisible(running)
        self.cancel_button.setEnabled(running)
        for w in (self.preview_button, self.run_button, self.all_button, self.none_button, self.as_of, self.at):
            w.setEnabled(not running)

    def _finished(self, done: RunDone) -> None:
        summary = done.summary
        # the delivery wrote in its own short transactions, outside the task runner's tracking: say what it
        # may have changed (reminder states, fees posted as documents) so the other pages and cards reload
        self.ctx.runner.data_changed.emit(Changes(frozenset({"reminders", "documents", "collections"}), None))
        self._set_running(False)
        self.summary_result = summary
        self.letters_path = summary.letters_path
        self.open_letters.setEnabled(bool(summary.letters_path))
        self.print_letters.setEnabled(bool(summary.letters_path))
        self.summary.setText(self.summary_text(summary))
        self.finished.emit(summary)
        self.load_history()
        self.preview()

    def _failed(self, exc) -> None:
        self._set_running(False)
        self.run_button.setEnabled(self.model.rowCount() > self.model.blocked_count())
        self.summary.setText(self.tr("The run failed: %1").replace("%1", str(exc)))
        self.load_history()

    def summary_text(self, s) -> str:
        parts = [self.tr("Cancelled.")] if s.cancelled else []
        # "sent" only for what left the building: e-mails the SMTP server accepted; letters are written
        parts += [self.tr("%n queued", "", s.queued), self.tr("%n e-mail(s) sent", "", s.emails_sent),
                  self.tr("%n letter(s) written", "", s.letters_written)]
        if s.sms_exported:
            parts.append(self.tr("%n SMS exported for the gateway", "", s.sms_exported))
        if s.whatsapp_links:
            parts.append(self.tr("%n WhatsApp chat(s) to open", "", len(s.whatsapp_links)))
        parts += [self.tr("%n failed", "", s.failed), self.tr("%n awaiting approval", "", s.drafts),
                  self.tr("%n held for later", "", s.held), self.tr("%n skipped", "", s.blocked)]
        if s.held_at_delivery:
            parts.append(self.tr("%n held at delivery by the contact rules", "", s.held_at_delivery))
        if s.may_have_been_sent:
            parts.append(self.tr("%n may have been sent: check them below", "", s.may_have_been_sent))
        if s.waiting_for_means:
            parts.append(self.tr("%n waiting for e-mail settings or a letters folder", "", s.waiting_for_means))
        if s.settled:
            parts.append(self.tr("%n paid in the meantime", "", s.settled))
        return " · ".join(parts)

    def open_letters_pdf(self) -> None:
        if self.letters_path:
            QDesktopServices.openUrl(QUrl.fromLocalFile(self.letters_path))

    def print_letters_pdf(self, printer=None) -> int | None:
        """The letters of the last run (one combined PDF) through Qt's print dialog, or on `printer`."""
        from ..printing import PrintError, print_file

        if not self.letters_path:
            return None
        try:
            return print_file(self.letters_path, self, self.tr("Letters"), printer)
        except PrintError as exc:
            self.summary.setText(str(exc))
            return None

    # --- history --------------------------------------------------------------------------

    def load_history(self) -> None:
        self.ctx.runner.read(recent_reminders, limit=HISTORY_LIMIT, on_done=self._history_loaded,
                             on_error=lambda exc: self.history_title.setText(str(exc)))

    def selected_history(self) -> list:
        rows = sorted({i.row() for i in self.history.selectionModel().selectedRows()})
        return [self.history_model.row(r) for r in rows]

    def _update_history_buttons(self) -> None:
        chosen = self.selected_history()
        self.approve_selected.setEnabled(any(r.state == "draft" for r in chosen))
        self.cancel_selected.setEnabled(bool(chosen) and all(r.state in ("draft", "queued", "failed") for r in chosen))
        self.whatsapp_button.setEnabled(len(chosen) == 1 and "whatsapp" in chosen[0].pending_channels
                                        and chosen[0].state in ("queued", "sent"))
        may_have = bool(chosen) and all(r.state == "sending" for r in chosen)
        self.release_button.setEnabled(may_have)
        self.mark_sent_button.setEnabled(may_have)
        self._why_disabled()

    def _why_disabled(self) -> None:
        """A disabled history button says what it needs (an empty history: there is nothing to select)."""
        if not hasattr(self, "_history_tips"):
            self._history_tips = {b: b.toolTip() for b in (self.approve_selected, self.cancel_selected,
                                                              self.whatsapp_button)}
        needs = {self.approve_selected: self.tr("Select one or more drafts (awaiting approval) in the history"),
                 self.cancel_selected: self.tr("Select reminders that are drafts, queued or failed in the history"),
                 self.whatsapp_button: self.tr("Select one WhatsApp reminder that is queued or sent")}
        empty = self.history_model.rowCount() == 0
        for button, need in needs.items():
            if button.isEnabled():
                button.setToolTip(self._history_tips[button])
            else:
                button.setToolTip(self.tr("The history is empty: nothing to select yet.") if empty else need)

    def _history_done(self, message: str):
        def done(_result) -> None:
            self.history_status.setText(message)
            self.load_history()
        return done

    def _history_failed(self, exc) -> None:
        self.history_status.setText(str(exc))
        self.load_history()

    def approve_selected_drafts(self) -> None:
        ids = [r.id for r in self.selected_history() if r.state == "draft"]
        if ids:
            self.ctx.runner.write(approve_reminders, ids, at=config.now(),
                                  on_done=self._history_done(self.tr("%n draft(s) approved: they go out with the "
                                                                     "next run", "", len(ids))),
                                  on_error=self._history_failed)

    def cancel_selected_reminders(self, reason: str | None = None) -> None:
        ids = [r.id for r in self.selected_history()]
        if not ids:
            return
        if reason is None:
            reason, ok = QInputDialog.getText(self, self.tr("Cancel reminders"),
                                              self.tr("Why are these reminders cancelled?"))
            if not ok:
                return
        self.ctx.runner.write(cancel_reminders, ids, reason=reason,
                              on_done=self._history_done(self.tr("%n reminder(s) cancelled", "", len(ids))),
                              on_error=self._history_failed)

    def release_selected(self, *, mark_as_sent: bool) -> None:
        """The selected e-mails that may have been sent (left "sending"): back to the queue, or recorded as sent;
        the same function as `cobranza reminders release ID [--mark-sent]`."""
        ids = [r.id for r in self.selected_history() if r.state == "sending"]
        if not ids:
            return
        message = (self.tr("%n e-mail(s) recorded as sent", "", len(ids)) if mark_as_sent else
                   self.tr("%n e-mail(s) back in the queue: the next run sends them", "", len(ids)))
        self.ctx.runner.write(release_reminders, ids, mark_as_sent=mark_as_sent, now=config.now(),
                              on_done=self._history_done(message), on_error=self._history_failed)

    def open_whatsapp(self) -> None:
        chosen = self.selected_history()
        if len(chosen) != 1:
            return

        def opened(link: str) -> None:
            self.last_whatsapp_url = link
            QDesktopServices.openUrl(QUrl(link))
            self.history_status.setText(self.tr("WhatsApp chat opened and recorded as opened"))
            self.load_history()

        self.ctx.runner.write(open_whatsapp_reminder, chosen[0].id, at=config.now(), on_done=opened,
                              on_error=self._history_failed)

    def _history_loaded(self, rows) -> None:
        from PySide6.QtCore import QItemSelectionModel

        keep = {r.id for r in self.selected_history()}  # the user's selection survives a reload
        self._history_answered = True
        self.history_model.set_rows(rows)
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for i, r in enumerate(rows):
            if r.id in keep:
                self.history.selectionModel().select(self.history_model.index(i, 0), flags)
        self._update_history_buttons()
        fit(self.history, {HistoryTableModel.COL_LEVEL: 200, HistoryTableModel.COL_ERROR: 420})
        self.history_title.setText(self.tr("History (%n reminder(s))", "", len(rows)))
        sending = sum(1 for r in rows if r.state == "sending")
        self.sending_label.setText(self.tr("%n e-mail(s) may have been sent (interrupted while sending): check the "
                                           "mailbox, select them, then Release or Mark as sent", "", sending)
                                   if sending else "")
        self.sending_label.setVisible(bool(sending))
        self.release_button.setVisible(bool(sending))
        self.mark_sent_button.setVisible(bool(sending))
        self.history_loaded.emit()

    def refresh(self) -> None:
        """After any write: the history (the plan stays as the user approved it)."""
        self.load_history()

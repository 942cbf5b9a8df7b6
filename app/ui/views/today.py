"""Today: the collector's task list (promises and installments due, follow-ups, broken commitments,
customers over their limit), most valuable first, and a quick "log a call" that can record a promise."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from app.collections.activities import CHANNELS, OUTCOMES, log_activity
from app.collections.tasks import evaluate_commitments, today_tasks
from app.ledger.errors import LedgerError
from app.reminders.contact_rules import warning_for_contact

from ..context import AppContext
from ..tablemodels.dashboard import TasksTableModel
from ..date_guard import DateGuard
from ..dialogs.follow_up import OUTCOME_TEXT as FOLLOW_UP_OUTCOMES
from ..empty_state import EmptyState
from ..page_parts import as_of_edit, hbox, list_table, page_title, vbox
from ..widgets import ERROR_STYLE, DateEdit


def _evaluate(session, as_of: dt.date) -> int:
    """On the write worker: bring promises and agreements up to date (kept, broken, completed)."""
    promises, agreements = evaluate_commitments(session, as_of=as_of)
    return len(promises) + len(agreements)


class LogCallDialog(QDialog):
    """Log a call (or any contact) with its outcome; a promise outcome records the promise too."""

    saved = Signal(object)

    OUTCOME_TEXT = FOLLOW_UP_OUTCOMES  # one table of outcome words (dialogs/follow_up.py)
    CHANNEL_TEXT = {
        "call": QT_TRANSLATE_NOOP("LogCallDialog", "Call"), "email": QT_TRANSLATE_NOOP("LogCallDialog", "E-mail"),
        "letter": QT_TRANSLATE_NOOP("LogCallDialog", "Letter"), "sms": QT_TRANSLATE_NOOP("LogCallDialog", "SMS"),
        "whatsapp": QT_TRANSLATE_NOOP("LogCallDialog", "WhatsApp"), "visit": QT_TRANSLATE_NOOP("LogCallDialog", "Visit"),
        "note": QT_TRANSLATE_NOOP("LogCallDialog", "Note"),
    }

    def __init__(self, ctx: AppContext, customer_code: str, currency: str, parent=None):
        super().__init__(parent)
        self.ctx, self.customer_code, self.currency = ctx, customer_code, currency
        self.setWindowTitle(self.tr("Log a contact — %1").replace("%1", customer_code))
        self.channel = QComboBox()
        for key in CHANNELS:
            self.channel.addItem(self.tr(self.CHANNEL_TEXT[key]), key)
        self.outcome = QComboBox()
        for key in OUTCOMES:
            self.outcome.addItem(self.tr(self.OUTCOME_TEXT[key]), key)
        self.notes = QPlainTextEdit()
        self.notes.setMaximumHeight(80)
        today = ctx.today()
        self.next_date = DateEdit(ctx.formatter, today + dt.timedelta(days=3))  # Tab leaves it (widgets.py)
        self.promise_date = DateEdit(ctx.formatter, today + dt.timedelta(days=7))
        self.promise_amount = QLineEdit()
        self.promise_amount.setPlaceholderText(currency)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Channel"), self.channel)
        form.addRow(self.tr("Outcome"), self.outcome)
        form.addRow(self.tr("Notes"), self.notes)
        form.addRow(self.tr("Next action"), self.next_date)
        form.addRow(self.tr("Promised date"), self.promise_date)
        form.addRow(self.tr("Promised amount"), self.promise_amount)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        vbox(form, self.error, self.buttons, parent=self)
        self.outcome.currentIndexChanged.connect(self._outcome_changed)
        self._outcome_changed()
        self.date_guard = DateGuard(self, lambda _field, message: self.error.setText(message),
                                    lambda: ctx.formatter.locale)

    def _outcome_changed(self) -> None:
        promise = self.outcome.currentData() == "promise"
        self.promise_date.setEnabled(promise)
        self.promise_amount.setEnabled(promise)

    def save(self) -> None:
        kwargs = dict(customer_code=self.customer_code, channel=self.channel.currentData(),
                      outcome=self.outcome.currentData(), notes=self.notes.toPlainText().strip() or None,
                      next_action_date=self.next_date.date().toPython())
        if self.outcome.currentData() == "promise":
            try:
                kwargs["promise_amount_minor"] = self.ctx.formatter.parse_money(self.promise_amount.text(),
                                                                                self.currency)
            except LedgerError as exc:
                self.error.setText(self.tr("Promised amount: %1").replace("%1", str(exc)))
                return
            kwargs["promise_date"] = self.promise_date.date().toPython()
        entered = [("next_action_date", self.tr("Next action"), kwargs["next_action_date"]),
                   ("promise_date", self.tr("Promised date"), kwargs.get("promise_date"))]
        if not self.date_guard.ok(entered, self.save):
            return
        self.buttons.setEnabled(False)
        self.ctx.runner.write(log_activity, **kwargs, contact_check=warning_for_contact, on_done=self._saved,
                              on_error=self._failed)

    def _saved(self, activity) -> None:
        self.saved.emit(activity)
        if activity.warning:
            self.error.setText(self.tr("Saved. Warning: %1").replace("%1", activity.warning))
            self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)
            self.buttons.setEnabled(True)
            self.buttons.rejected.connect(self.accept)
            return
        self.accept()

    def _failed(self, exc) -> None:
        self.buttons.setEnabled(True)
        self.error.setText(str(exc))


class TodayView(QWidget):
    #: the areas of app.ledger.changes whose writes this page shows (MainWindow.refresh_views)
    concerns = frozenset({"customers", "documents", "collections", "settings", "risk"})
    loaded = Signal()

    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.dialog: LogCallDialog | None = None
        self._request = 0
        self.as_of = as_of_edit(ctx, "today_as_of")
        self.collector = QLineEdit()
        self.collector.setPlaceholderText(self.tr("all collectors"))
        self.collector.setMaximumWidth(160)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.log_button = QPushButton(self.tr("Log a call…"))
        self.done_button = QPushButton(self.tr("Follow-up done…"))
        self.done_button.setToolTip(self.tr("Mark the selected follow-up done, with its outcome"))
        self.count = QLabel()
        self.count.setWordWrap(True)  # 38,293 planned on the 1M demo: wrap, do not widen the window past a laptop
        self.model = TasksTableModel(ctx.formatter, self)
        self.table = list_table(self.model, "tasks_table")
        self._has_tasks_answer = False
        self.empty = EmptyState(self.table, self.tr("Nothing to do today"),
                                self.tr("No calls, promises or follow-ups are due. Tasks appear here as invoices "
                                        "fall due and promises come to their date."),
                                ready=lambda: self._has_tasks_answer)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(TasksTableModel.COL_DETAIL, QHeaderView.ResizeMode.Stretch)
        vbox(hbox(page_title(self.tr("Today")), QLabel(self.tr("As of")), self.as_of, QLabel(self.tr("Collector")),
                  self.collector, self.refresh_button, self.log_button, self.done_button, (self.count, 1)),
             (self.table, 1), parent=self)
        self.refresh_button.clicked.connect(self.evaluate)
        self.log_button.clicked.connect(self.log_call)
        self.done_button.clicked.connect(self.follow_up_done)
        self.as_of.dateChanged.connect(lambda _d: self.evaluate())
        self.collector.returnPressed.connect(self.refresh)
        self.table.doubleClicked.connect(self._open_customer)
        self.evaluate()

    def evaluate(self) -> None:
        """Update promises and agreements first (a write), then list. When the update changed something,
        its announcement (collections) makes this page list again too, so refresh() itself must only read;
        when it changed nothing, nothing is announced."""
        self.count.setText(self.tr("Computing…"))
        self.ctx.runner.write(_evaluate, self.as_of.date().toPython(), on_done=lambda _n: self.refresh(),
                              on_error=lambda exc: self.count.setText(str(exc)))

    def refresh(self) -> None:
        self._request += 1
        request = self._request
        self.ctx.runner.read(today_tasks, as_of=self.as_of.date().toPython(),
                             collector=self.collector.text().strip() or None,
                             on_done=lambda tasks: self._loaded(request, tasks),
                             on_error=lambda exc: self.count.setText(str(exc)))

    def _loaded(self, request: int, tasks) -> None:
        if request != self._request:
            return  # the list for a date or collector chosen before the current one (readers may answer late)
        self.model.company_currency = self.ctx.company_currency
        self._has_tasks_answer = True
        self.model.set_rows(tasks)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(TasksTableModel.COL_DETAIL, QHeaderView.ResizeMode.Stretch)
        self.count.setText(self.tr("%n task(s)", "", len(tasks)))
        self.loaded.emit()

    def selected(self):
        rows = self.table.selectionModel().selectedRows()
        return self.model.row(rows[0].row()) if rows else None

    def log_call(self):
        task = self.selected()
        if task is None:
            self.count.setText(self.tr("Select a task first."))
            return None
        self.dialog = LogCallDialog(self.ctx, task.customer_code, task.currency or self.ctx.company_currency, self)
        self.dialog.saved.connect(lambda _a: self.refresh())
        self.dialog.open()
        return self.dialog

    def follow_up_done(self):
        """The selected follow-up task marked done with its outcome (ui/dialogs/follow_up.py)."""
        from ..dialogs.follow_up import FollowUpDoneDialog

        task = self.selected()
        if task is None or task.kind != "follow_up":
            self.count.setText(self.tr("Select a follow-up first."))
            return None
        self.dialog = FollowUpDoneDialog(self.ctx, task.customer_code, int(task.ref), task.detail, self)
        self.dialog.saved.connect(lambda _a: self.refresh())
        self.dialog.open()
        return self.dialog

    def _open_customer(self, index) -> None:
        code = self.model.row(index.row()).customer_code
        customers = getattr(self.window(), "views", {}).get("customers")
        if customers is not None and hasattr(customers, "open_card"):
            customers.open_card(code)

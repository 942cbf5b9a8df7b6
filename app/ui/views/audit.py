"""The audit log page: every change with who, when, what and why, filtered by customer, document, user
and dates (app.ledger.corrections.list_audit). Also shown as a dialog: a customer's log, or one document's
history, from the customer card."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.ledger.corrections import document_history, list_audit

from ..context import AppContext
from ..dialogs.card_table import card_table, fit_columns
from ..empty_state import EmptyState
from ..errors import describe
from ..tablemodels.audit import AuditTableModel
from ..widgets import DateEdit


def _history(session, kind: str, number: str, customer_code: str | None, on_date, amount_minor):
    """A document's history (on the reader): its own entries and those naming it."""
    from app.ledger.corrections import document_id

    doc_id = document_id(session, kind, number, customer_code=customer_code, on_date=on_date,
                         amount_minor=amount_minor)
    return [] if doc_id is None else document_history(session, kind, doc_id)


class AuditView(QWidget):
    """Filters on top, the log below (newest first, at most 1000 entries)."""

    loaded = Signal()
    #: every write that changes anything writes the audit log
    concerns = frozenset({"audit"})

    def __init__(self, ctx: AppContext, parent=None, *, customer: str | None = None, document: str | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.customer = QLineEdit(customer or "")
        self.customer.setObjectName("audit_customer")
        self.customer.setPlaceholderText(self.tr("customer code"))
        self.document = QLineEdit(document or "")
        self.document.setObjectName("audit_document")
        self.document.setPlaceholderText(self.tr("invoice, credit note, payment reference or #ID"))
        self.user = QLineEdit()
        self.user.setObjectName("audit_user")
        self.user.setPlaceholderText(self.tr("user"))
        self.use_since = QCheckBox(self.tr("Since"))
        self.since = DateEdit(ctx.formatter, ctx.today() - dt.timedelta(days=30))
        self.since.setEnabled(False)
        self.use_since.toggled.connect(self.since.setEnabled)
        self.refresh_button = QPushButton(self.tr("Show"))
        self.refresh_button.clicked.connect(self.refresh)
        for edit in (self.customer, self.document, self.user):
            edit.returnPressed.connect(self.refresh)
        self.model = AuditTableModel(ctx.formatter, self)
        self.table: QTableView = card_table(self.model)
        self.table.setObjectName("audit_table")
        self.table.setSortingEnabled(False)
        self.status = QLabel()
        self.status.setObjectName("audit_status")
        self._answered = False
        self.empty = EmptyState(self.table, "", "", [(self.tr("Show everything"), self.clear_filters)],
                                ready=lambda: self._answered)
        filters = QHBoxLayout()
        for label, widget in ((self.tr("Customer"), self.customer), (self.tr("Document"), self.document),
                              (self.tr("User"), self.user)):
            filters.addWidget(QLabel(label))
            filters.addWidget(widget, 1)
        filters.addWidget(self.use_since)
        filters.addWidget(self.since)
        filters.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Audit log: who changed what, when and why"))
        title.setStyleSheet("font-size: 14pt; font-weight: 600;")
        layout.addWidget(title)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        self.refresh()

    _asked = 0

    def refresh(self) -> None:
        since = self.since.value() if self.use_since.isChecked() else None
        # only the latest question is answered on screen: an earlier, slower read (other filters) is dropped
        self._asked += 1
        asked = self._asked
        self.ctx.runner.read(list_audit, customer_code=self.customer.text().strip() or None, since=since,
                             user=self.user.text().strip() or None, document=self.document.text().strip() or None,
                             on_done=lambda rows: self._show(rows) if asked == self._asked else None,
                             on_error=lambda exc: self._failed(exc) if asked == self._asked else None)

    def filtered(self) -> bool:
        return any(w.text().strip() for w in (self.customer, self.document, self.user)) or self.use_since.isChecked()

    def clear_filters(self) -> None:
        for edit in (self.customer, self.document, self.user):
            edit.clear()
        self.use_since.setChecked(False)
        self.refresh()

    def _empty_texts(self) -> None:
        if self.filtered():
            self.empty.set_texts(self.tr("No change matches these filters"),
                                 self.tr("Check the customer code or the document number, or show the whole log."))
        else:
            self.empty.set_texts(self.tr("Nothing has been changed yet"),
                                 self.tr("Every invoice, payment, correction and settings change is recorded here "
                                         "with who made it, when and why. Record an invoice or a payment and it "
                                         "appears here."))
        self.empty.buttons[0].setVisible(self.filtered())

    def _show(self, rows) -> None:
        self._answered = True
        self._empty_texts()
        self.model.set_rows(rows)
        fit_columns(self.table)
        self.status.setStyleSheet("")
        self.status.setText(self.tr("%n entries", "", len(rows)))
        self.loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        self._answered = False  # the reason is in the status line, not "nothing changed"
        self.model.set_rows([])
        self.status.setStyleSheet("color: #b00020;")
        self.status.setText(describe(exc)[1])
        self.loaded.emit()


class HistoryDialog(QDialog):
    """One document's history (`kind`, its number as the card shows it), or a customer's audit log."""

    def __init__(self, ctx: AppContext, parent=None, *, customer: str | None = None, kind: str | None = None,
                 number: str | None = None, on_date=None, amount_minor: int | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.resize(900, 420)
        if kind is None:
            self.setWindowTitle(self.tr("Audit log — %1").replace("%1", customer or ""))
            self.view = AuditView(ctx, self, customer=customer)
            body = self.view
            self.model = self.view.model
        else:
            self.setWindowTitle(self.tr("History of %1").replace("%1", number or ""))
            self.view = None
            self.model = AuditTableModel(ctx.formatter, self)
            body = card_table(self.model)
            body.setObjectName("history_table")
            ctx.runner.read(_history, kind, number, customer, on_date, amount_minor,
                            on_done=lambda rows: (self.model.set_rows(rows), fit_columns(body)))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(body, 1)
        layout.addWidget(buttons)

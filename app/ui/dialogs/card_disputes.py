"""The customer card's disputes: open a dispute on an invoice (amount, reason), see open and closed ones,
resolve one with a credit note or reject it. Disputed items are left out of reminders and flagged in the
open items, the aging detail and the history."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.collections.disputes import customer_disputes, open_dispute, resolve_dispute

from ..errors import describe
from ..widgets import FieldForm, MoneyEdit, general_error_label

translate = QCoreApplication.translate


def status_text(status: str) -> str:
    return {"open": translate("CustomerCard", "open"),
            "resolved_credit": translate("CustomerCard", "resolved by credit note"),
            "rejected": translate("CustomerCard", "rejected")}.get(status, status)


class DisputeDialog(QDialog):
    """Open a dispute on one of the customer's open invoices."""

    opened = Signal(object)

    def __init__(self, card, parent=None):
        super().__init__(parent)
        self.card = card
        self.ctx = card.ctx
        self.setWindowTitle(self.tr("Open a dispute"))
        self.invoice = QComboBox()
        self.amounts: dict[str, tuple[int, str]] = {}
        for item in (card.data.open_items if card.data else ()):
            if item.invoice_number not in self.amounts:
                self.amounts[item.invoice_number] = (0, item.currency)
                self.invoice.addItem(item.invoice_number, item.invoice_number)
            total, currency = self.amounts[item.invoice_number]
            self.amounts[item.invoice_number] = (total + item.open_minor, currency)
        self.amount = MoneyEdit(self.ctx.formatter)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("e.g. goods returned, price differs from the order"))
        self.form = FieldForm()
        self.form.add_field("invoice", self.tr("Invoice"), self.invoice)
        self.form.add_field("amount", self.tr("Disputed amount"), self.amount)
        self.form.add_field("reason", self.tr("Reason"), self.reason)
        self.error = general_error_label()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Open dispute"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.invoice.currentIndexChanged.connect(self._invoice_changed)
        self._invoice_changed()

    def _invoice_changed(self, *_args) -> None:
        number = self.invoice.currentData()
        if number:
            amount, currency = self.amounts[number]
            self.amount.set_currency(currency)
            self.amount.setText(self.ctx.formatter.edit_text(amount, currency))

    def submit(self) -> None:
        self.form.clear_errors()
        self.error.hide()
        number = self.invoice.currentData()
        if not number:
            self.error.setText(self.tr("This customer has no open invoice to dispute."))
            self.error.show()
            return
        try:
            amount = self.amount.minor(self.amounts[number][1])
        except Exception as exc:  # noqa: BLE001 - the parser's message names the problem
            self.form.show_error("amount", describe(exc)[1])
            return
        self.ctx.runner.write(open_dispute, invoice_number=number, reason=self.reason.text(), amount_minor=amount,
                              on_done=self._done, on_error=self._failed)

    def _done(self, dispute) -> None:
        self.opened.emit(dispute)
        self.accept()

    def _failed(self, exc) -> None:
        field, message = describe(exc)
        if not self.form.show_error(field or "", message):
            self.error.setText(message)
            self.error.show()


def install(card) -> None:
    """The Disputes tab and the "Open dispute…" button (called once from the card's constructor)."""
    card.disputes = []
    box = QWidget()
    card.disputes_table = QTableWidget(0, 7)
    card.disputes_table.setObjectName("card_disputes")
    card.disputes_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    card.disputes_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    card.disputes_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    card.disputes_table.verticalHeader().hide()
    card.disputes_table.horizontalHeader().setStretchLastSection(True)
    card.disputes_table.setHorizontalHeaderLabels([
        translate("CustomerCard", "Invoice"), translate("CustomerCard", "Opened"), translate("CustomerCard", "Amount"),
        translate("CustomerCard", "Reason"), translate("CustomerCard", "Status"), translate("CustomerCard", "Closed"),
        translate("CustomerCard", "Credit note / note")])
    card.btn_credit_dispute = QPushButton(translate("CustomerCard", "Resolve with credit note…"))
    card.btn_reject_dispute = QPushButton(translate("CustomerCard", "Reject…"))
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(card.btn_credit_dispute)
    row.addWidget(card.btn_reject_dispute)
    bl = QVBoxLayout(box)
    bl.setContentsMargins(0, 0, 0, 0)
    bl.addWidget(card.disputes_table, 1)
    bl.addLayout(row)
    card.disputes_tab = box
    card.tabs.addTab(box, translate("CustomerCard", "Disputes"))
    card.btn_dispute = QPushButton(translate("CustomerCard", "Open dispute…"))
    card.extra_buttons.addWidget(card.btn_dispute)

    def selected():
        r = card.disputes_table.currentRow()
        return card.disputes[r] if 0 <= r < len(card.disputes) else None

    def update_buttons(*_args) -> None:
        d = selected()
        for b in (card.btn_credit_dispute, card.btn_reject_dispute):
            b.setEnabled(d is not None and d.status == "open")

    def new_dispute():
        card.dispute_dialog = DisputeDialog(card, card)
        card.dispute_dialog.open()
        return card.dispute_dialog

    def resolve_with_credit(number: str | None = None):
        d = selected()
        if d is None:
            return
        if number is None:
            number, ok = QInputDialog.getText(card, translate("CustomerCard", "Resolve with credit note"),
                                              translate("CustomerCard", "Number of the credit note for %1:")
                                              .replace("%1", card.ctx.formatter.money(d.amount_minor, d.currency)))
            if not ok:
                return
        card.ctx.runner.write(resolve_dispute, d.id, outcome="credit", credit_note_number=number.strip(),
                              on_error=card._failed)

    def reject(note: str | None = None):
        d = selected()
        if d is None:
            return
        if note is None:
            note, ok = QInputDialog.getText(card, translate("CustomerCard", "Reject dispute"),
                                            translate("CustomerCard", "Why is the dispute rejected?"))
            if not ok:
                return
        card.ctx.runner.write(resolve_dispute, d.id, outcome="rejected", note=note.strip() or None,
                              on_error=card._failed)

    card.new_dispute = new_dispute
    card.resolve_dispute_with_credit = resolve_with_credit
    card.reject_dispute = reject
    card.btn_dispute.clicked.connect(lambda: new_dispute())
    card.btn_credit_dispute.clicked.connect(lambda: resolve_with_credit())
    card.btn_reject_dispute.clicked.connect(lambda: reject())
    card.disputes_table.itemSelectionChanged.connect(update_buttons)
    card.update_dispute_buttons = update_buttons
    update_buttons()


def reload(card) -> None:
    card.ctx.runner.read(customer_disputes, card.code, on_done=lambda rows: _show(card, rows), on_error=card._failed)


def _show(card, rows) -> None:
    f = card.ctx.formatter
    card.disputes = list(rows)
    t = card.disputes_table
    t.setRowCount(len(rows))
    for r, d in enumerate(rows):
        values = [d.invoice_number, f.date(d.opened_on), f.money(d.amount_minor, d.currency), d.reason,
                  status_text(d.status), f.date(d.closed_on) if d.closed_on else "",
                  d.credit_note_number or d.resolution or ""]
        for c, value in enumerate(values):
            t.setItem(r, c, QTableWidgetItem(value))
    t.resizeColumnsToContents()
    open_count = sum(1 for d in rows if d.status == "open")
    card.tabs.setTabText(card.tabs.indexOf(card.disputes_tab),
                         translate("CustomerCard", "Disputes (%1 open)").replace("%1", str(open_count)))
    card.update_dispute_buttons()
    card.disputes_loaded.emit()

"""New credit note: against one of the customer's open invoices (applied there, never more than is open)
or on account (unapplied credit until allocated). Calls `ledger.record_credit_note`."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit

from app.ledger import balances
from app.ledger.payments import record_credit_note

from ..context import AppContext
from ..widgets import DateEdit, FieldForm, MoneyEdit
from .entry import CustomerDocumentDialog


def open_invoices(session, customer_code: str, as_of) -> list[tuple[str, str, int]]:
    """(invoice number, currency, open minor) of the customer's open invoices, oldest due first."""
    out: dict[tuple[str, str], int] = {}
    for item in balances.open_items(session, customer_code, as_of):
        key = (item.invoice_number, item.currency)
        out[key] = out.get(key, 0) + item.open_minor
    return [(number, currency, open_minor) for (number, currency), open_minor in out.items()]


class CreditNoteDialog(CustomerDocumentDialog):
    """`saved` carries the CreditNoteView recorded."""

    def __init__(self, ctx: AppContext, customer_code: str | None = None, parent=None,
                 invoice_number: str | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.wanted_invoice = invoice_number
        self.setWindowTitle(self.tr("New credit note"))
        self.setMinimumWidth(560)
        f = ctx.formatter

        self._add_customer_fields()
        self.number = QLineEdit()
        self.number.setPlaceholderText("NC01-00000123")
        self.date = DateEdit(f, ctx.today())
        self.amount = MoneyEdit(f)
        self.invoice = QComboBox()
        self.invoice.setObjectName("credit_note_invoice")
        self.invoice.addItem(self.tr("On account (unapplied credit)"), None)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Return, discount, price difference…"))

        self.form = FieldForm()
        self._customer_rows()
        self.form.add_field("number", self.tr("Credit note number"), self.number)
        self.form.add_field("date", self.tr("Date"), self.date)
        self.form.add_field("amount", self.tr("Amount"), self.amount, aliases=("amount_minor",))
        self.form.add_field("currency", self.tr("Currency"), self.currency)
        self.form.add_field("invoice_number", self.tr("Against invoice"), self.invoice, aliases=("invoice",))
        self.form.add_field("reason", self.tr("Reason"), self.reason)
        self._add_buttons(self.tr("Record credit note"))
        self._lay_out()
        self._watch_amount()
        self.invoice.currentIndexChanged.connect(lambda _i: self._invoice_changed())
        self._start(customer_code, focus=self.number)

    def _customer_changed(self) -> None:
        self.invoice.blockSignals(True)
        while self.invoice.count() > 1:
            self.invoice.removeItem(1)
        self.invoice.blockSignals(False)
        if self.customer is not None:
            code = self.customer.code
            self.ctx.runner.read(open_invoices, code, self.ctx.today(),
                                 on_done=lambda rows: self._invoices_arrived(code, rows))

    def _invoices_arrived(self, code: str, rows) -> None:
        if self.customer is None or self.customer.code != code:
            return
        f = self.ctx.formatter
        for number, currency, open_minor in rows:
            self.invoice.addItem(self.tr("%1 — %2 open").replace("%1", number).replace("%2", f.money(open_minor, currency)),
                                 (number, currency))
        if self.wanted_invoice:
            index = next((i for i in range(1, self.invoice.count()) if self.invoice.itemData(i)[0] == self.wanted_invoice),
                         0)
            self.invoice.setCurrentIndex(index)

    def _invoice_changed(self) -> None:
        data = self.invoice.currentData()
        if data is not None:
            self.currency.setCurrentText(data[1])  # a credit note against an invoice is in its currency

    def submit(self) -> None:
        read = self._begin_submit()
        if read is None:
            return
        currency, amount = read
        if not self.date_guard.ok([("date", self.tr("Date"), self.date.value())], self.submit):
            return
        invoice = self.invoice.currentData()
        self.buttons.setEnabled(False)
        self.ctx.runner.write(
            record_credit_note, customer_code=self.customer_code.text().strip(), number=self.number.text(),
            date=self.date.value(), amount_minor=amount, currency=currency,
            invoice_number=invoice[0] if invoice else None, reason=self.reason.text().strip() or None,
            on_done=self._saved, on_error=self.show_error)

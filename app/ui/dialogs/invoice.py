"""New invoice: the due lines its payment terms produce are shown while typing."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from app.ledger import invoices
from app.ledger.dates import is_far

from ..context import AppContext
from ..errors import credit_reason_text
from ..tablemodels.base import SnapshotTableModel
from ..widgets import debounced, DateEdit, FieldForm, MoneyEdit
from .customer import fill_terms_combo, load_terms
from .entry import CustomerDocumentDialog



class DueLinesTableModel(SnapshotTableModel):
    """(due_date, amount_minor) pairs of an invoice being entered."""

    COL_NUMBER, COL_DUE, COL_AMOUNT = range(3)
    COLUMN_COUNT = 3
    MONEY_COLUMNS = (COL_AMOUNT,)
    currency = "PEN"

    def headers(self) -> list[str]:
        translate = QCoreApplication.translate
        return [translate("DueLinesModel", "#"), translate("DueLinesModel", "Due date"),
                translate("DueLinesModel", "Amount")]

    def set_lines(self, lines, currency: str) -> None:
        self.currency = currency
        self.set_rows([(i, d, a) for i, (d, a) in enumerate(lines, start=1)])

    def display(self, r, col: int) -> str:
        i, due, amount = r
        return [str(i), self.formatter.date(due), self.formatter.money(amount, self.currency)][col]

    def sort_value(self, r, col: int):
        return r[col]


def preview_invoice(session, *, customer_code, issue_date, total_minor, currency, payment_terms):
    """The due lines the invoice would get and what credit control says about it (reasons, blocked)."""
    from app.ledger.credit import check_credit

    lines = invoices.preview_due_lines(session, customer_code=customer_code, issue_date=issue_date,
                                       total_minor=total_minor, payment_terms=payment_terms)
    if is_far(issue_date):  # not "9000 days overdue" as of a mistyped year; Record asks about the date first
        return lines, (), False
    check = check_credit(session, customer_code, amount_minor=total_minor, currency=currency, as_of=issue_date)
    return lines, check.reasons, check.blocked


class InvoiceDialog(CustomerDocumentDialog):
    """`saved` carries the InvoiceView recorded."""

    def __init__(self, ctx: AppContext, customer_code: str | None = None, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("New invoice"))
        self.setMinimumWidth(520)
        f = ctx.formatter

        self._add_customer_fields()
        self.number = QLineEdit()
        self.number.setPlaceholderText("F001-00001234")
        self.issue_date = DateEdit(f, ctx.today())
        self.amount = MoneyEdit(f)
        self.terms = QComboBox()
        self.terms.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)  # the terms arrive after show
        self.terms.addItem(self.tr("Customer's terms"), None)
        self.reference = QLineEdit()
        self.reference.setPlaceholderText(self.tr("Order or delivery note (optional)"))

        self.form = FieldForm()
        self._customer_rows()
        self.form.add_field("number", self.tr("Invoice number"), self.number)
        self.form.add_field("issue_date", self.tr("Issue date"), self.issue_date)
        self.form.add_field("amount", self.tr("Amount"), self.amount, aliases=("total_minor",))
        self.form.add_field("currency", self.tr("Currency"), self.currency)
        self.form.add_field("payment_terms", self.tr("Payment terms"), self.terms, aliases=("due_date",))
        self.form.add_field("reference", self.tr("Reference"), self.reference)

        self.lines_model = DueLinesTableModel(f, self)
        self.lines_table = self._lines_table(self.lines_model, "due_lines", 120,
                                             QAbstractItemView.EditTrigger.NoEditTriggers)
        box = QGroupBox(self.tr("Due lines"))
        QVBoxLayout(box).addWidget(self.lines_table)

        self.credit_warning = QLabel()
        self.credit_warning.setObjectName("credit_warning")
        self.credit_warning.setWordWrap(True)
        self.credit_warning.setStyleSheet("color: #8a5300; background: #fff4d6; padding: 6px; border-radius: 3px;")
        self.credit_warning.hide()
        self._add_buttons(self.tr("Record invoice"))
        self._lay_out(box, self.credit_warning)

        self._preview_timer = debounced(self, self.update_preview)
        self._preview_generation = 0
        self.preview_pending = False

        self._watch_amount()
        self.amount.textChanged.connect(lambda _t: self._preview_timer.start())
        self.issue_date.dateChanged.connect(lambda _d: self._preview_timer.start())
        self.terms.currentIndexChanged.connect(lambda _i: self._preview_timer.start())
        self.currency.currentTextChanged.connect(lambda _t: self._preview_timer.start())

        ctx.runner.read(load_terms, on_done=self._terms_arrived)
        self._start(customer_code, focus=self.number)

    # --- live feedback ----------------------------------------------------------------

    def _terms_arrived(self, all_terms) -> None:
        current = self.terms.currentData()
        fill_terms_combo(self.terms, all_terms, current, self.tr("Customer's terms"))

    def _customer_changed(self) -> None:
        if self.customer is not None:
            self.update_preview()

    def update_preview(self) -> None:
        self._preview_timer.stop()
        amount = self.amount.minor_or_none() if self._currency() else None
        if self.customer is None or not amount or amount <= 0:
            self.lines_model.set_lines([], self._currency() or self.ctx.company_currency)
            self.credit_warning.hide()
            return
        self._preview_generation += 1
        generation = self._preview_generation
        self.preview_pending = True
        currency = self._currency()
        self.ctx.runner.read(preview_invoice, customer_code=self.customer.code,
                             issue_date=self.issue_date.value(), total_minor=amount, currency=currency,
                             payment_terms=self.terms.currentData(),
                             on_done=lambda result: self._preview_arrived(generation, result, currency),
                             on_error=lambda exc: self._preview_failed(generation, exc))

    def _preview_arrived(self, generation: int, result, currency: str) -> None:
        if generation != self._preview_generation:
            return
        lines, reasons, blocked = result
        self.preview_pending = False
        self.lines_model.set_lines(lines, currency)
        if reasons:
            head = (self.tr("Credit control blocks this invoice:") if blocked
                    else self.tr("Credit control warning:"))
            self.credit_warning.setText(head + "\n" + "\n".join(credit_reason_text(r) for r in reasons))
            self.credit_warning.show()
        else:
            self.credit_warning.hide()

    def _preview_failed(self, generation: int, exc) -> None:
        if generation == self._preview_generation:
            self.preview_pending = False
            self.lines_model.set_lines([], self._currency() or self.ctx.company_currency)
            self.credit_warning.hide()

    # --- recording -----------------------------------------------------------------------

    def submit(self) -> None:
        read = self._begin_submit()
        if read is None:
            return
        currency, amount = read
        if not self.date_guard.ok([("issue_date", self.tr("Issue date"), self.issue_date.value())], self.submit):
            return
        self.buttons.setEnabled(False)
        self.ctx.runner.write(
            invoices.record_invoice, customer_code=self.customer_code.text().strip(), number=self.number.text(),
            issue_date=self.issue_date.value(), total_minor=amount, currency=currency,
            payment_terms=self.terms.currentData(), reference=self.reference.text().strip() or None,
            on_done=self._saved, on_error=self.show_error)
